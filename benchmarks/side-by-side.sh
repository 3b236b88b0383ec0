#!/usr/bin/env bash
# Times logdex against pt-query-digest (MySQL slow log) and pgBadger -j 2 (PostgreSQL stderr log) on the same
# generated logs, in one run, with `cat` and `gzip -dc` of the same logs as the floor. Prints a Markdown table of
# seconds, MB/s, events/s, peak memory and each tool's time as a multiple of logdex's.
#
#   benchmarks/side-by-side.sh [--size-mb N[,N...]] [--distinct N] [--work DIR] [--repeat N] [--no-peers]
#
# Defaults: 1024 MB per log (give several sizes, e.g. 0.1,50,1024, for one table each: a day's log of one server is
# often 10-500 MB, where startup and per-class costs count), 3000 distinct statement shapes (fewer in a log too
# small to hold them), work files in /tmp/logdex-side-by-side (kept, and reused when the size and shapes match).
# Each table also times logdex without its class-data archive (LOGDEX_CDS=off), without transparent huge pages (where
# the launcher asks for them), with the other compiler than the launcher picks for the log's size (LOGDEX_JIT), and
# the JVM's own start (--version). LOGDEX_JAVA picks the JVM. The peers come from Debian: apt-get install percona-toolkit pgbadger.
# Each command runs once (sizes below 1 MB: five times), or --repeat N times; the table has the median time and the
# largest peak memory. The machine is shared and noisy: read the ratios, not the seconds, and run twice before
# believing a change.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size_mb=1024
distinct=3000
work=/tmp/logdex-side-by-side
peers=1
while [ $# -gt 0 ]; do
  case "$1" in
    --size-mb) size_mb="$2"; shift 2 ;;
    --distinct) distinct="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --no-peers) peers=0; shift ;;
    --repeat)
      case "${2:-}" in ''|*[!0-9]*|0) echo "side-by-side: --repeat takes a number of runs, 1 or more" >&2; exit 2 ;; esac
      repeat="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "side-by-side: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
# Built before anything is timed (the launcher would otherwise build, and archive its classes, inside the first
# timed run).
echo "building logdex and the benchmarks ..." >&2
(cd "$here" && mvn -q -B -DskipTests package -pl cli,benchmarks -am >&2)
touch "$here/cli/target/logdex.jar"
"$here/logdex" --version > /dev/null

sizes="$size_mb"
base_work="$work"
for size_mb in ${sizes//,/ }; do
runs="${repeat:-$(awk "BEGIN { print ($size_mb < 1) ? 5 : 1 }")}"
work="$base_work/$size_mb"
mkdir -p "$work"

# Each log once per size and shape count; the generator is deterministic.
generate() { # format file
  local stamp="$2.params"
  if [ ! -f "$2" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$size_mb $distinct" ]; then
    echo "generating $2 ($size_mb MB) ..." >&2
    java -cp "$here/benchmarks/target/benchmarks.jar" dev.logdex.bench.LogGenerator "$1" "$2" "$size_mb" \
      "$distinct" 2> "$2.events"
    gzip -1 -c "$2" > "$2.gz"
    echo "$size_mb $distinct" > "$stamp"
  fi
}
generate slow "$work/slow.log"
generate postgres "$work/postgres.log"

has_time=0
[ -x /usr/bin/time ] && has_time=1
# run NAME COMMAND...: wall seconds and peak RSS (MB) of COMMAND into $secs and $peak_mb; output to $work/NAME.out
# (to /dev/null for the floors, whose output is the whole log)
# With --repeat (or below 1 MB, where one run is mostly the noise of a shared machine), the median time of the
# runs and the largest peak.
run() {
  local name="$1"; shift
  local t0 t1 out="$work/$name.out" i times=() mb
  case "$name" in cat-*|gzip-*) out=/dev/null ;; esac
  peak_mb=0
  for ((i = 0; i < runs; i++)); do
    sync; cat "$work"/*.log "$work"/*.gz > /dev/null # the same warm page cache for every tool
    t0=$(date +%s.%N)
    if [ "$has_time" = 1 ]; then
      /usr/bin/time -f "%M" -o "$work/$name.rss" "$@" > "$out" 2> "$work/$name.err"
      mb=$(( $(tail -n 1 "$work/$name.rss") / 1024 ))
      [ "$mb" -le "$peak_mb" ] || peak_mb=$mb
    else
      "$@" > "$out" 2> "$work/$name.err"
      peak_mb="?"
    fi
    t1=$(date +%s.%N)
    times+=("$(awk "BEGIN { print $t1 - $t0 }")")
  done
  secs=$(printf "%s\n" "${times[@]}" | sort -g | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }')
}

rows=()
# row LABEL FILE EVENTS [BASE_SECS]: one table row from $secs and $peak_mb
row() {
  local mb ratio
  mb=$(( $(stat -c %s "$2") / 1048576 ))
  ratio=""
  [ -n "${4:-}" ] && ratio=$(awk "BEGIN { printf \"%.1fx\", $secs / $4 }")
  rows+=("$(printf "| %s | %.2f | %.0f | %s | %s | %s |" "$1" "$secs" "$(awk "BEGIN { print $mb / $secs }")" \
    "$(awk "BEGIN { printf \"%.0f\", $3 / $secs }")" "$peak_mb" "$ratio")")
}

logdex=("$here/logdex" analyze --quiet --format json)
for log in slow postgres; do
  file="$work/$log.log"
  events=$(grep -o '[0-9,]* events' "$file.events" | tr -d ', events')
  run "cat-$log" cat "$file"; row "$log: \`cat\` (floor)" "$file" "$events"
  run "gzip-$log" gzip -dc "$file.gz"; row "$log: \`gzip -dc\` of the same log gzipped (floor)" "$file" "$events"
  run "logdex-$log" "${logdex[@]}" "$file"; base=$secs; row "$log: **logdex analyze**" "$file" "$events" "$base"
  got=$(grep -o '"statements" *: *[0-9]*' "$work/logdex-$log.out" | grep -o '[0-9]*$' || echo "?")
  [ "$got" = "$events" ] || echo "warning: logdex counted $got statements in $file, the generator wrote $events" >&2
  run "logdex-nocds-$log" env LOGDEX_CDS=off "${logdex[@]}" "$file"
  row "$log: logdex analyze without the class-data archive" "$file" "$events" "$base"
  # Transparent huge pages for the heap, which the launcher asks for where the kernel gives them on request.
  defaults="$(source "$here/release/jvm-options.sh"; logdex_default_options; echo "${default_opts[*]}")"
  case "$defaults" in
    *" -XX:+UseTransparentHugePages"*)
      run "logdex-nothp-$log" env LOGDEX_JAVA_OPTS="${defaults/ -XX:+UseTransparentHugePages/}" "${logdex[@]}" "$file"
      row "$log: logdex analyze without transparent huge pages" "$file" "$events" "$base"
      ;;
  esac
  # The launcher's choice of compiler by input size (release/jvm-options.sh), against the other one: both
  # compilers where it runs the client one only, else the client one only.
  other_jit=full
  (source "$here/release/jvm-options.sh"; logdex_jit_options "$file"
    [[ " ${jit_opts[*]} " == *" -XX:TieredStopAtLevel=1 "* ]]) || other_jit=c1
  run "logdex-jit-$log" env LOGDEX_JIT=$other_jit "${logdex[@]}" "$file"
  row "$log: logdex analyze with the $([ $other_jit = c1 ] && echo "client compiler only" || echo "server compiler too") (LOGDEX_JIT=$other_jit)" "$file" "$events" "$base"
  run "logdex-gz-$log" "${logdex[@]}" "$file.gz"; row "$log: logdex analyze on the .gz" "$file" "$events" "$base"
  run "logdex-1t-$log" "${logdex[@]}" --threads 1 "$file"; row "$log: logdex analyze --threads 1" "$file" \
    "$events" "$base"
  # A day's log after the first: the analyses of the first run kept with --analysis-cache.
  rm -f "$work/analyses-$log.json"
  "${logdex[@]}" --analysis-cache "$work/analyses-$log.json" "$file" > /dev/null
  run "logdex-cached-$log" "${logdex[@]}" --analysis-cache "$work/analyses-$log.json" "$file"
  row "$log: logdex analyze, second run with --analysis-cache" "$file" "$events" "$base"
  if [ "$peers" = 1 ] && [ "$log" = slow ]; then
    if command -v pt-query-digest > /dev/null; then
      run "pt-$log" pt-query-digest --type slowlog "$file"; row "$log: pt-query-digest" "$file" "$events" "$base"
    else
      echo "pt-query-digest not installed (apt-get install percona-toolkit): skipped" >&2
    fi
  fi
  if [ "$peers" = 1 ] && [ "$log" = postgres ]; then
    if command -v pgbadger > /dev/null; then
      run "pgbadger-$log" pgbadger -j 2 -q -f stderr --prefix '%m [%p] %q%u@%d ' -o "$work/pgbadger.html" "$file"
      row "$log: pgbadger -j 2" "$file" "$events" "$base"
    else
      echo "pgbadger not installed (apt-get install pgbadger): skipped" >&2
    fi
  fi
done

run "logdex-version" "$here/logdex" --version
rows+=("$(printf "| logdex --version (the JVM's start) | %.2f | | | %s | |" "$secs" "$peak_mb")")
run "logdex-version-nocds" env LOGDEX_CDS=off "$here/logdex" --version
rows+=("$(printf "| logdex --version without the class-data archive | %.2f | | | %s | |" "$secs" "$peak_mb")")

echo
echo "$(date -u +%Y-%m-%d), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), ${size_mb} MB per log, \
$(grep -o '[0-9,]* events' "$work/slow.log.events") in the slow log, up to $distinct statement shapes; java: \
$("$(source "$here/release/jvm-options.sh"; logdex_java; echo "$java")" -version 2>&1 | head -n 1); \
$([ "$runs" = 1 ] && echo "one run each" || echo "median of $runs runs each")"
echo
echo "| run | seconds | MB/s | events/s | peak RSS MB | time / logdex |"
echo "|---|---:|---:|---:|---:|---:|"
printf "%s\n" "${rows[@]}"
rows=()
done
