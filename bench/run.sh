#!/usr/bin/env bash
# Reproduce the tables of BENCHMARKS.md: hyperfine runs of the main commands on generated
# corpora of 10k, 100k and 200k positions (and 100k with 1,000 broken files), with median wall
# time, CPU time and peak memory, then the Python pipeline beside `stanceline chart`.
#
#   bash bench/run.sh [WORKDIR]    (needs hyperfine; the Python part needs bench/requirements.txt)
#
# A shared virtual machine drifts over minutes, so the runs are taken in ROUNDS
# rounds (default 5) of RUNS runs (default 5) each, every command once per round, and commands
# compared with each other (a command at 100k and at 200k, check and the floor) are timed in
# the same hyperfine call, seconds apart. Wall time is the median of all runs; CPU time the
# median of the rounds' means; each ratio is computed within each round, and its median
# reported.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-$(mktemp -d)}
rounds=${ROUNDS:-5}
runs=${RUNS:-5}
mkdir -p "$work"
cargo build --release --quiet
cargo build --release --quiet --examples
bin=$PWD/target/release/stanceline
gen=$PWD/target/release/examples/gen-corpus
floor=$PWD/target/release/examples/parse-floor

for spec in 10k:2000:0 100k:20000:0 200k:40000:0 100k-broken:20000:1000; do
  IFS=: read -r name articles broken <<<"$spec"
  [ -d "$work/$name" ] || "$gen" --articles "$articles" --broken "$broken" --out "$work/$name"
done

# The rows: corpus, label, command. Rows of the same group are timed in one hyperfine call,
# one after the other: a command at 10k, 100k and 200k, so that its growth is measured within
# seconds; and `check` with the floor, for their ratio.
rows=()
groups=()
for label in check "query north-korea --at 2009-08-01" "events --format csv" chart; do
  group=()
  for corpus in 10k 100k 200k; do
    case $label in
      chart) cmd="$bin chart --annotations $work/$corpus --out-dir $work/charts-$corpus" ;;
      *) cmd="$bin $label --annotations $work/$corpus" ;;
    esac
    group+=("${#rows[@]}")
    rows+=("$corpus|$label|$cmd")
    if [ "$label" = check ]; then
      group+=("${#rows[@]}")
      rows+=("$corpus|floor: parse-floor (one thread)|$floor $work/$corpus")
    fi
  done
  groups+=("${group[*]}")
done
groups+=("${#rows[@]}")
rows+=("100k-broken|check (1,000 broken files)|$bin check --annotations $work/100k-broken")

rm -rf "$work/json" && mkdir -p "$work/json"
for round in $(seq 1 "$rounds"); do
  echo "round $round of $rounds" >&2
  for g in "${!groups[@]}"; do
    cmds=()
    for i in ${groups[$g]}; do
      IFS='|' read -r corpus label cmd <<<"${rows[$i]}"
      cmds+=("$cmd")
    done
    hyperfine --warmup 1 --runs "$runs" --style none -i \
      --export-json "$work/json/group-$g.$round.json" "${cmds[@]}" > /dev/null 2>&1
    # One file per row, as hyperfine reports each command.
    k=0
    for i in ${groups[$g]}; do
      python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); json.dump({"results":[d["results"][int(sys.argv[2])]]}, open(sys.argv[3],"w"))' \
        "$work/json/group-$g.$round.json" "$k" "$work/json/$i.$round.json"
      k=$((k + 1))
    done
  done
done

# Peak resident memory, once per row.
: > "$work/mem.tsv"
for i in "${!rows[@]}"; do
  IFS='|' read -r corpus label cmd <<<"${rows[$i]}"
  /usr/bin/time -f "%M" -o "$work/mem.txt" bash -c "$cmd > /dev/null 2>&1" || true
  printf '%s\t%s\n' "$i" "$(tail -n 1 "$work/mem.txt")" >> "$work/mem.tsv"
done

printf '%s\n' "${rows[@]}" > "$work/rows.txt"
python3 - "$work" "$rounds" <<'PY'
import json, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
rows = [line.rstrip("\n").split("|", 2) for line in open(f"{work}/rows.txt")]
mem = dict(line.split() for line in open(f"{work}/mem.tsv"))
walls, cpus, round_walls = {}, {}, {}
for i, (corpus, label, _) in enumerate(rows):
    key = (corpus, label)
    walls[key], cpus[key], round_walls[key] = [], [], []
    for r in range(1, rounds + 1):
        res = json.load(open(f"{work}/json/{i}.{r}.json"))["results"][0]
        walls[key] += res["times"]
        cpus[key].append(res["user"] + res["system"])
        round_walls[key].append(res["median"])
med = statistics.median
print(f"| positions | command | median wall | CPU (user+sys) | peak memory |")
print("|---|---|---|---|---|")
corpora = ["10k", "100k", "200k", "100k-broken"]
labels = ["check", "query north-korea --at 2009-08-01", "events --format csv", "chart",
          "floor: parse-floor (one thread)", "check (1,000 broken files)"]
order = sorted(range(len(rows)), key=lambda i: (corpora.index(rows[i][0]), labels.index(rows[i][1])))
for i in order:
    corpus, label, _ = rows[i]
    key = (corpus, label)
    print(f"| {corpus} | `{label}` | {med(walls[key]):.3f} s | {med(cpus[key]):.3f} s "
          f"| {int(mem[str(i)]) // 1024} MB |")

def per_round(a, b, series):
    ratios = [x / y for x, y in zip(series[a], series[b])]
    return med(ratios), " ".join(f"{x:.2f}" for x in ratios)

print()
print("| command | 200k / 100k, median of the rounds | each round |")
print("|---|---|---|")
for label in ["check", "query north-korea --at 2009-08-01", "events --format csv", "chart",
              "floor: parse-floor (one thread)"]:
    m, each = per_round(("200k", label), ("100k", label), round_walls)
    print(f"| `{label}` | {m:.2f} | {each} |")
print()
m, each = per_round(("100k", "check"), ("100k", "floor: parse-floor (one thread)"), cpus)
print(f"check CPU against the one-thread floor at 100k (budget ≤ 1.4): {m:.2f} "
      f"(each round: {each})")
wall = med(walls[("100k", "check")])
print(f"check median wall at 100k (budget ≤ 0.5 s): {wall:.3f} s")
PY

# Peak memory at 100k of every command (budget ≤ 150 MB each), one run each.
echo
echo "peak memory at 100k positions (budget ≤ 150 MB for every command):"
for cmd in "check" "check --message-format short" "events" "events --format json" \
  "events --format csv" "query north-korea" "query north-korea --format json" \
  "query --at 2009-08-01 --format json" \
  "changes" "changes --format csv" "chart --out-dir $work/charts-mem"; do
  /usr/bin/time -f "%M" -o "$work/mem.txt" bash -c "$bin $cmd --annotations $work/100k > /dev/null 2>&1" || true
  echo "  $(( $(tail -n 1 "$work/mem.txt") / 1024 )) MB  stanceline $cmd" | sed "s#$work#WORK#"
done

{ STANCELINE_ANNOTATIONS=$work/100k-broken "$bin" check --message-format short 2>&1 || true; } |
  grep ': error: ' | cut -d: -f1 > "$work/broken.txt"
echo
echo "broken corpus: $(uniq "$work/broken.txt" | wc -l) files reported in error," \
  "$(uniq "$work/broken.txt" | sort -c 2>/dev/null && echo in file order || echo NOT in file order)"

echo
echo "Python pipeline (PyYAML CSafeLoader + matplotlib) beside stanceline, 100k positions:"
hyperfine --warmup 1 --runs 5 --style basic \
  -n "stanceline chart --kind lanes" "$bin chart --annotations $work/100k --kind lanes -o $work/rust-lanes.png" \
  -n "python3 bench/pipeline.py" "python3 bench/pipeline.py $work/100k $work/python-lanes.png"
