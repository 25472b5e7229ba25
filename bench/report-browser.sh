#!/usr/bin/env bash
# The report's figures in BENCHMARKS.md ("Report (issue 18)"): the size of `stanceline report`
# and the time it takes to write it at 10k and 100k positions (hyperfine), and the time
# headless Chromium takes to load it, from the browser test run at each size in a release
# build (tests/report_browser.rs, a_dense_report_renders_its_closed_sections_when_needed,
# which prints its times and asserts none). CI runs that test at 10k only: at 100k it would
# add minutes.
#
#   bash bench/report-browser.sh [WORKDIR]    (needs hyperfine and Chromium, as .ci/run installs)
#
# LOADS (default 3) browser runs per size; the median load is reported with each run's.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-$(mktemp -d)}
loads=${LOADS:-3}
mkdir -p "$work"
cargo build --release --quiet
cargo build --release --quiet --examples
bin=$PWD/target/release/stanceline
gen=$PWD/target/release/examples/gen-corpus

for spec in 10k:2000 100k:20000; do
  IFS=: read -r name articles <<<"$spec"
  [ -d "$work/$name" ] || "$gen" --articles "$articles" --out "$work/$name"
  out=$work/report-$name.html
  hyperfine --warmup 1 --runs 5 --style basic --export-json "$work/report-$name.json" \
    "$bin report --annotations $work/$name -o $out" >/dev/null
  wall=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.3f s (min %.3f, max %.3f)" % (r["median"], r["min"], r["max"]))' "$work/report-$name.json")
  bytes=$(stat -c %s "$out")
  echo "$name: report of $bytes bytes ($(python3 -c "print(round($bytes / 1e6, 1))") MB), written in $wall (median of 5)"
done

for spec in 10k:2000 100k:20000; do
  IFS=: read -r name articles <<<"$spec"
  times=()
  opens=()
  for _ in $(seq "$loads"); do
    log=$(STANCELINE_DENSE_ARTICLES=$articles cargo test --release --quiet --test report_browser \
      a_dense_report_renders_its_closed_sections_when_needed -- --nocapture 2>&1) || {
      echo "the browser test failed at $name:" >&2
      echo "$log" >&2
      exit 1
    }
    times+=("$(grep 'in Chromium' <<<"$log" | sed -E 's/.*, load ([0-9]+) ms.*/\1/')")
    opens+=("$(grep 'first section' <<<"$log" | sed -E 's/.*rows in ([0-9]+) ms.*/\1/')")
  done
  median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
  echo "$name: Chromium's load event after $(median "${times[@]}") ms (median of $loads: ${times[*]} ms)"
  echo "$name: the first party's section opened with its first rows in $(median "${opens[@]}") ms (${opens[*]} ms)"
  grep 'first section' <<<"$log" | sed 's/^dense report: /  last run: /'

done
