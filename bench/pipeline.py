#!/usr/bin/env python3
"""The Python comparison pipeline: the job of `stanceline chart --kind lanes`, in plain Python.

Usage: python3 bench/pipeline.py CORPUS_DIR OUT.png

Loads CORPUS_DIR/codebook.yaml and every articles/**/*.yaml (PyYAML's C loader), parses the
EDTF `held` dates, resolves parties (id, name or alias) and codebook speakers (by their terms),
builds each party's timeline with stanceline's carry-forward rule and draws one lane per party,
bars colored by stance, conflicts hatched. It assumes a corpus that `stanceline check` accepts.
"""
import calendar
import datetime as dt
import glob
import os
import sys
import time
from bisect import bisect_right
from collections import Counter

import matplotlib.dates as mdates
import yaml
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch

# Colors for stances without one (as in stanceline's validate.rs).
PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
           "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=yaml.CSafeLoader)


def text(value):
    """A scalar as written: unquoted dates come back as datetime.date, years as int."""
    return None if value is None else str(value).strip()


def point(s):
    """One EDTF date ('2009', '2009-07~', '2009-07-27%') -> (first day, last day) as ordinals."""
    y, m, d = ([int(p) for p in s.rstrip("?~%").split("-")] + [None, None])[:3]
    if m is None:
        return dt.date(y, 1, 1).toordinal(), dt.date(y, 12, 31).toordinal()
    if d is None:
        return dt.date(y, m, 1).toordinal(), dt.date(y, m, calendar.monthrange(y, m)[1]).toordinal()
    return (dt.date(y, m, d).toordinal(),) * 2


def edtf(s):
    """A date or interval -> (start, end, carries forward); None is an open end."""
    if "/" not in s:
        first, last = point(s)
        return first, last, True
    a, b = s.split("/")
    start = None if a == ".." else point(a)[0]
    end = None if b == ".." else point(b)[1]
    return start, end, end is None


def read_codebook(path):
    cb = load(path)
    party_of = {}
    for i, p in enumerate(cb["parties"]):
        for word in [p["id"], p["name"], *(p.get("aliases") or [])]:
            party_of.setdefault(text(word).lower(), i)
    terms = {}  # lowercased speaker name -> [(from, to, party)]
    for s in cb.get("speakers") or []:
        start = point(text(s["from"]))[0] if s.get("from") is not None else None
        end = point(text(s["to"]))[1] if s.get("to") is not None else None
        party = party_of[text(s["party"]).lower()]
        terms.setdefault(text(s["name"]).lower(), []).append((start, end, party))
    return cb, party_of, terms


def speaker_party(terms, name, day):
    for start, end, party in terms.get(text(name).lower(), ()):
        if (start is None or start <= day) and (end is None or day <= end):
            return party
    return None


def timeline(obs):
    """One party's observations [(start, end, carries, stance)] -> segments [start, end, state].

    A single date or open-ended interval holds until the day before the party's next position
    with a later start; a closed interval through its end. The state is a tuple of the stances
    held (one: a stance; several: a conflict); consecutive pieces with the same state merge.
    """
    starts = sorted({o[0] for o in obs if o[0] is not None})
    effective = []
    for start, end, carries, stance in obs:
        if carries:
            i = 0 if start is None else bisect_right(starts, start)
            end = starts[i] - 1 if i < len(starts) else None
        effective.append((start, end, stance))
    events = []  # (day, opens, slot): an end counts on the day after it; closings first
    for slot, (start, end, _) in enumerate(effective):
        events.append((start, 1, slot))
        if end is not None:
            events.append((end + 1, 0, slot))
    events.sort(key=lambda e: (e[0] is not None, e[0] or 0, e[1], e[2]))
    segments, counts, i = [], Counter(), 0
    while i < len(events):
        day = events[i][0]
        while i < len(events) and events[i][0] == day:
            _, opens, slot = events[i]
            stance = effective[slot][2]
            counts[stance] += 1 if opens else -1
            if not counts[stance]:
                del counts[stance]
            i += 1
        state = tuple(sorted(counts)) or None
        current = segments[-1] if segments and segments[-1][1] is None else None
        if current and current[2] == state:
            continue
        if current:
            current[1] = day - 1
        if state:
            segments.append([day, None, state])
    return segments


def read_corpus(corpus):
    """-> (codebook, per-party observations [(start, end, carries, stance)], files, days seen)."""
    cb, party_of, terms = read_codebook(os.path.join(corpus, "codebook.yaml"))
    stance_of = {text(s["id"]).lower(): i for i, s in enumerate(cb["stances"])}
    obs = [[] for _ in cb["parties"]]
    paths = sorted(p for p in glob.glob(os.path.join(corpus, "articles", "**", "*.y*ml"),
                                        recursive=True) if p.endswith((".yaml", ".yml")))
    known = []
    for path in paths:
        doc = load(path)
        published = text(doc["article"]["published"])
        known.append(point(published)[1])
        for pos in doc.get("positions") or []:
            start, end, carries = edtf(text(pos.get("held")) or published)
            if pos.get("party") is not None:
                party = party_of.get(text(pos["party"]).lower())
            else:  # a codebook speaker, on the first day held (the end, for an open start)
                party = speaker_party(terms, pos.get("speaker") or "", start if start is not None else end)
            stance = stance_of.get((text(pos.get("stance")) or "").lower())
            if party is not None and stance is not None:  # else `stanceline check` fails
                obs[party].append((start, end, carries, stance))
    return cb, obs, len(paths), known


def draw(cb, lanes, known, out):
    """One lane per party (codebook order, top down); open ends run to the chart's edges."""
    known = known + [d for segs in lanes for s in segs for d in s[:2] if d is not None]
    lo, hi = (min(known), max(known) + 1) if known else (dt.date(2000, 1, 1).toordinal(),) * 2
    num = lambda d: mdates.date2num(dt.date.fromordinal(d))  # noqa: E731
    colors = [s.get("color") or PALETTE[i % len(PALETTE)] for i, s in enumerate(cb["stances"])]
    conflict = dict(facecolors="#dddddd", edgecolor="#555555", hatch="////")
    n = len(lanes)
    fig = Figure(figsize=(14, 1.0 + 0.7 * n))
    FigureCanvasAgg(fig)  # the Agg backend, without pyplot
    ax = fig.subplots()
    for lane, segs in enumerate(lanes):
        bars = {}  # stance (None for a conflict) -> [(x, width)]
        for start, end, state in segs:
            x0, x1 = num(lo if start is None else start), num(hi if end is None else end + 1)
            bars.setdefault(state[0] if len(state) == 1 else None, []).append((x0, x1 - x0))
        for stance, xs in bars.items():
            style = conflict if stance is None else dict(facecolors=colors[stance])
            ax.broken_barh(xs, (n - 1 - lane - 0.4, 0.8), linewidth=0, **style)
    ax.set_yticks(range(n), [p["name"] for p in reversed(cb["parties"])])
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_xlim(num(lo), num(hi))
    ax.xaxis_date()
    ax.set_title(cb.get("question", ""))
    handles = [Patch(facecolor=c, label=s["label"]) for s, c in zip(cb["stances"], colors)]
    handles.append(Patch(facecolor="#dddddd", edgecolor="#555555", hatch="////", label="conflict"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.08),
              ncol=len(handles), frameon=False)
    fig.tight_layout()
    fig.savefig(out, dpi=150)


def main(corpus, out):
    t0 = time.perf_counter()
    cb, obs, files, known = read_corpus(corpus)
    t1 = time.perf_counter()
    lanes = [timeline(o) for o in obs]
    t2 = time.perf_counter()
    draw(cb, lanes, known, out)
    t3 = time.perf_counter()
    segments = [s for segs in lanes for s in segs]
    conflicts = sum(len(s[2]) > 1 for s in segments)
    print(f"{files} articles, {sum(map(len, obs))} positions, {len(segments)} segments "
          f"({conflicts} conflicts); load {t1 - t0:.2f} s, timelines {t2 - t1:.2f} s, "
          f"chart {t3 - t2:.2f} s -> {out}", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n\n")[1])
    main(sys.argv[1], sys.argv[2])
