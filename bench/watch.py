#!/usr/bin/env python3
"""Time `stanceline watch` on a corpus: from the rename of a saved article to the round's
check summary line (fresh diagnostics) and to its status line (with --chart: fresh charts),
and the memory it holds between rounds.

    python3 bench/watch.py BINARY CORPUS_DIR [SAVES]

CORPUS_DIR is copied to a temporary directory first (the watch never writes into it, but the
benchmark edits an article). Each save alternates between the article as it was and one of
three edits, each timed on its own:

- stance: the first position's stance changed to the next position's (one party's timeline
  and warnings found again);
- published: the article's publication date moved a day (its place in the order of every
  position it holds: every party it names);
- wording: a space added after `basis:` and a newline at the end (no position changes: no
  party).

With --chart, the stance edit alone. Prints the median and the range of each, in
milliseconds.
"""
import datetime
import fcntl
import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

# The line that ends a round: `ok: 3 articles, 16 positions, 0 problems, 12 ms` or
# `2 errors in 1 file, 12 ms`, and what became of the outputs.
# The lines the benchmark waits for: the check summary and the status line.
WANTED = re.compile(rb"^(?:checked |ok: |\d+ errors? in ).*$", re.M)
STATUS = re.compile(r"^(ok: \d+ articles?, \d+ positions?, [^,]+|\d+ errors? in \d+ files?), \d+ ms(;.*)?$")


def main():
    binary, corpus = os.path.abspath(sys.argv[1]), sys.argv[2]
    saves = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    work = tempfile.mkdtemp(prefix="stanceline-watch-")
    shutil.copytree(corpus, os.path.join(work, "annotations"))
    for edit in ("stance", "published", "wording"):
        run(binary, work, saves, False, edit)
    run(binary, work, saves, True, "stance")
    shutil.rmtree(work)


def edited(original, edit):
    """The article with `edit` made (see the module's documentation)."""
    if edit == "wording":
        return original.replace("basis: ", "basis:  ", 1) + "\n"
    if edit == "stance":
        stances = re.findall(r"^    stance: (\S+)$", original, re.M)
        other = next(s for s in stances if s != stances[0])
        return re.sub(r"^(    stance: )\S+$", lambda m: m.group(1) + other, original, count=1, flags=re.M)
    day = re.search(r'^  published: "(\d{4}-\d{2}-\d{2})"$', original, re.M).group(1)
    later = datetime.date.fromisoformat(day) + datetime.timedelta(days=1)
    return original.replace(f'published: "{day}"', f'published: "{later}"', 1)


def run(binary, work, saves, chart, edit):
    args = [binary, "watch", "--out-dir", "charts"] + (["--chart"] if chart else [])
    proc = subprocess.Popen(args, cwd=work, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            env=dict(os.environ, NO_COLOR="1"))
    try:
        # A pipe as large as the system allows (1 MB by default), as a terminal or an
        # editor's task runner reads it: the watch writes a round without waiting on us.
        fcntl.fcntl(proc.stderr.fileno(), 1031, 1 << 20)  # F_SETPIPE_SZ
    except OSError:
        pass
    lines = queue.Queue()

    def read():
        # Read in large blocks, and find the summary and status lines with one regular
        # expression per block: a round of a large corpus prints megabytes of warnings, and
        # handling each of its lines in Python would time this script rather than the watch
        # (which waits while the pipe is full).
        fd, rest = proc.stderr.fileno(), b""
        while True:
            block = os.read(fd, 1 << 20)
            if not block:
                return
            now = time.monotonic()
            text = rest + block
            end = text.rfind(b"\n") + 1
            for m in WANTED.finditer(text, 0, end):
                lines.put((now, m.group(0).decode("utf-8", "replace")))
            rest = text[end:]

    threading.Thread(target=read, daemon=True).start()

    to_summary, to_status, rss = [], [], []

    def until_status():
        summary = None
        while True:
            try:
                t, line = lines.get(timeout=60)
            except queue.Empty:
                proc.kill()
                sys.exit(f"no status line from the watch within 60 s (after {len(to_status)} saves)")
            if line.startswith("checked "):
                summary = t
            if STATUS.match(line):
                return summary, t, line

    t0 = time.monotonic()
    _, first, status = until_status()
    print(f"{'--chart' if chart else 'check only'}, {edit} edit: first round {1000 * (first - t0):.0f} ms ({status})")
    articles = os.path.join(work, "annotations", "articles")
    name = sorted(os.listdir(articles))[len(os.listdir(articles)) // 2]
    path = os.path.join(articles, name)
    original = open(path, encoding="utf-8").read()
    for i in range(saves):
        text = edited(original, edit) if i % 2 == 0 else original
        tmp = path + ".tmp~"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        t = time.monotonic()
        os.rename(tmp, path)
        summary, status_t, _ = until_status()
        to_summary.append(1000 * (summary - t))
        to_status.append(1000 * (status_t - t))
        with open(f"/proc/{proc.pid}/status") as f:
            rss += [int(l.split()[1]) // 1024 for l in f if l.startswith("VmRSS")]
    proc.send_signal(2)
    proc.wait(timeout=60)

    def show(xs):
        return f"median {statistics.median(xs):.0f} ms (min {min(xs):.0f}, max {max(xs):.0f})"

    print(f"  save -> diagnostics: {show(to_summary)}")
    if chart:
        print(f"  save -> charts written (status line): {show(to_status)}")
    print(f"  memory held between rounds: {max(rss)} MB (largest of {saves})")
    print(f"  exit status on SIGINT: {proc.returncode}")


if __name__ == "__main__":
    main()
