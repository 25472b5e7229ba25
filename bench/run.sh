#!/usr/bin/env bash
# Reproduce the tables of BENCHMARKS.md: hyperfine runs of the main commands on generated
# corpora of 10k, 100k and 200k positions (and 100k with 1,000 broken files), with median wall
# time, CPU time and peak memory, then the Python pipeline beside `stanceline chart`.
#
#   bash bench/run.sh [WORKDIR]    (needs hyperfine; the Python part needs bench/requirements.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-$(mktemp -d)}
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

# One row per command: median wall time, mean user+system CPU time, peak memory.
row() { # corpus label command...
  local corpus=$1 label=$2; shift 2
  STANCELINE_ANNOTATIONS=$work/$corpus hyperfine --warmup 2 --runs 15 --style none -i \
    --export-json "$work/run.json" "$*" > /dev/null 2>&1
  STANCELINE_ANNOTATIONS=$work/$corpus /usr/bin/time -f "%M" -o "$work/mem.txt" \
    bash -c "$* > /dev/null 2>&1" || true
  python3 - "$work/run.json" "$(tail -n 1 "$work/mem.txt")" "$corpus" "$label" "$work/rows.tsv" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
cpu = r['user'] + r['system']
print(f"| {sys.argv[3]} | `{sys.argv[4]}` | {r['median']:.3f} s | {cpu:.3f} s | {int(sys.argv[2]) // 1024} MB |")
with open(sys.argv[5], "a") as f:
    print(sys.argv[3], sys.argv[4], r['median'], cpu, sep="\t", file=f)
PY
}

rm -f "$work/rows.tsv"
echo "| positions | command | median wall | CPU (user+sys) | peak memory |"
echo "|---|---|---|---|---|"
for corpus in 10k 100k 200k; do
  row $corpus "check" "$bin check"
  row $corpus "query north-korea --at 2009-08-01" "$bin query north-korea --at 2009-08-01"
  row $corpus "events --format csv" "$bin events --format csv"
  row $corpus "chart" "$bin chart --out-dir $work/charts-$corpus"
  row $corpus "floor: parse-floor (one thread)" "$floor $work/$corpus"
done
row 100k-broken "check (1,000 broken files)" "$bin check --message-format short"

python3 - "$work/rows.tsv" <<'PY'
import sys
rows = {}
for line in open(sys.argv[1]):
    corpus, label, median, cpu = line.rstrip("\n").split("\t")
    rows[corpus, label] = (float(median), float(cpu))
print()
print("| command | 200k / 100k median (target ≤ 2.2) |")
print("|---|---|")
for label in ["check", "query north-korea --at 2009-08-01", "events --format csv", "chart"]:
    print(f"| `{label}` | {rows['200k', label][0] / rows['100k', label][0]:.2f} |")
print()
floor = rows["100k", "floor: parse-floor (one thread)"][1]
print(f"check CPU against the one-thread floor at 100k (target ≤ 1.3): "
      f"{rows['100k', 'check'][1]:.3f} s / {floor:.3f} s = {rows['100k', 'check'][1] / floor:.2f}")
PY

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
