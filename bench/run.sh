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
  python3 - "$work/run.json" "$(tail -n 1 "$work/mem.txt")" "$corpus" "$label" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"| {sys.argv[3]} | `{sys.argv[4]}` | {r['median']:.3f} s | {r['user'] + r['system']:.3f} s | {int(sys.argv[2]) // 1024} MB |")
PY
}

echo "| positions | command | median wall | CPU (user+sys) | peak memory |"
echo "|---|---|---|---|---|"
for corpus in 10k 100k 200k; do
  row $corpus "check" "$bin check"
  row $corpus "query north-korea --at 2009-08-01" "$bin query north-korea --at 2009-08-01"
  row $corpus "events --format csv" "$bin events --format csv"
  row $corpus "chart" "$bin chart --out-dir $work/charts-$corpus"
done
row 100k-broken "check (1,000 broken files)" "$bin check --message-format short"

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
