#!/usr/bin/env bash
# Reproduce the tables of BENCHMARKS.md: hyperfine runs of the main commands on generated
# corpora of 10k, 100k and 200k positions (plus 100k with 1,000 broken files), their peak
# memory, and the Python pipeline beside `stanceline chart --kind lanes`.
#
#   bash bench/run.sh [WORKDIR]      (needs hyperfine; Python needs bench/requirements.txt)
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

for name in 10k 100k 200k; do
  export STANCELINE_ANNOTATIONS=$work/$name
  echo "## $name positions"
  hyperfine --warmup 2 --runs 10 --style basic \
    --export-markdown "$work/$name.md" \
    -n check "$bin check" \
    -n query "$bin query north-korea --at 2009-08-01" \
    -n "events csv" "$bin events --format csv > /dev/null" \
    -n "chart (4 files)" "$bin chart --out-dir $work/charts-$name"
  for cmd in "check" "query north-korea --at 2009-08-01" "events --format csv" "chart --out-dir $work/charts-$name"; do
    /usr/bin/time -f "peak memory: %M KB  ($cmd)" "$bin" $cmd > /dev/null 2> "$work/time.txt" || true
    tail -n 1 "$work/time.txt"
  done
done

echo "## 100k positions with 1,000 broken files"
export STANCELINE_ANNOTATIONS=$work/100k-broken
hyperfine --warmup 2 --runs 10 --style basic -i -n "check (1,000 broken)" "$bin check --message-format short"
{ "$bin" check --message-format short 2>&1 || true; } | grep ': error: ' | cut -d: -f1 | uniq | wc -l |
  sed 's/^/files reported in error, each once, in file order: /'

echo "## Python pipeline (PyYAML CSafeLoader + matplotlib) beside stanceline, 100k positions"
hyperfine --warmup 1 --runs 5 --style basic \
  -n "stanceline chart --kind lanes" "$bin chart --annotations $work/100k --kind lanes -o $work/rust-lanes.png" \
  -n "python bench/pipeline.py" "python3 bench/pipeline.py $work/100k $work/python-lanes.png"
