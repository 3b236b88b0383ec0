#!/usr/bin/env bash
# Wide workloads under the default 512 MB heap: schemas of many tables and logs of many distinct statements, where
# work that grows with the square of the input, or memory without a bound, would stall a run. For each size it
# prints the seconds, the peak resident memory, the exit code and logdex's first stderr line, and the time and the
# input's size as multiples of a small baseline run (1,000 tables, 1,000 statements) measured in the same run: the
# machine is shared and noisy, and the ratios say whether time grows with the input or faster.
#
#   benchmarks/scale.sh [--tables 10000,100000] [--statements 40000,1000000] [--work DIR]
#
# Every statement joins a table to its neighbour and filters a column, with an alias of its own so that each is a
# class of its own, and every table is touched. Exit 2 with "stopped reading: more than N distinct statement classes" is the expected
# answer where the classes do not fit the heap (see --max-classes); a run that crawls or dies of
# OutOfMemoryError is the failure this measures.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tables_list=10000,100000
statements_list=40000,1000000
work=/tmp/logdex-scale
while [ $# -gt 0 ]; do
  case "$1" in
    --tables) tables_list="$2"; shift 2 ;;
    --statements) statements_list="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "scale: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
mkdir -p "$work"
echo "building logdex ..." >&2
(cd "$here" && mvn -q -B -DskipTests package -pl cli -am >&2)
jar="$here/cli/target/logdex.jar"

schema() { # tables file
  [ -f "$2" ] || awk -v n="$1" 'BEGIN { for (t = 0; t < n; t++) printf "CREATE TABLE t%d (id bigint PRIMARY KEY, a int, b int, c0 int, c1 int, c2 int, c3 int, d int, p_id bigint REFERENCES t%d(id));\n", t, (t + 1) % n }' > "$2"
}
workload() { # tables statements file
  [ -f "$3" ] || awk -v n="$1" -v m="$2" 'BEGIN {
    print "query,calls,total_exec_time,rows"
    for (i = 0; i < m; i++) { t = (2 * i) % n; printf "\"SELECT x.a AS k%d, y.b FROM t%d x JOIN t%d y ON y.id = x.p_id WHERE x.c%d = $1 AND x.d > $2\",%d,%.1f,1\n", i, t, (t + 1) % n, int(2 * i / n) % 4, 1 + i % 7, i % 13 + 0.5 }
  }' > "$3"
}

# seconds, peak RSS in MB, exit code and the first stderr line of one command
measure() {
  local err="$work/err.txt" tm="$work/time.txt" code=0
  /usr/bin/time -f '%e %M' -o "$tm" "$@" > /dev/null 2> "$err" || code=$?
  # GNU time puts "Command exited with non-zero status N" before the numbers when the command fails.
  local numbers
  numbers=$(tail -n 1 "$tm")
  printf '%s %s %s|%s\n' "${numbers%% *}" "$(( ${numbers##* } / 1024 ))" "$code" \
    "$(grep -v '^Command exited' "$err" | head -n 1 | cut -c1-110)"
}

run() { # tables statements -> the measure line of logdex on them
  schema "$1" "$work/schema-$1.sql"
  workload "$1" "$2" "$work/workload-$1-$2.csv"
  measure java -Xmx512m -Xmn128m -XX:+UseParallelGC -jar "$jar" analyze -q --format json -o "$work/report.json" \
    --schema "$work/schema-$1.sql" "$work/workload-$1-$2.csv"
}
bytes() { # tables statements
  echo $(( $(stat -c %s "$work/workload-$1-$2.csv") + $(stat -c %s "$work/schema-$1.sql") ))
}
base=$(run 1000 1000)
base_s="${base%% *}"
base_bytes=$(bytes 1000 1000)
echo "Baseline: 1,000 tables and 1,000 statements in ${base_s} s."
echo
echo "| tables | statements | input MB | x baseline input | logdex s | x baseline time | peak MB | exit | logdex says |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---|"
IFS=, read -r -a tables_arr <<< "$tables_list"
IFS=, read -r -a statements_arr <<< "$statements_list"
for tables in "${tables_arr[@]}"; do
  for statements in "${statements_arr[@]}"; do
    line=$(run "$tables" "$statements")
    read -r s peak code <<< "${line%%|*}"
    says="${line#*|}"
    b=$(bytes "$tables" "$statements")
    echo "| $tables | $statements | $(( b / 1048576 )) | $(( b / base_bytes )) | $s | $(awk -v a="$s" -v z="$base_s" \
      'BEGIN { printf "%.1f", a / z }') | $peak | $code | ${says:-(report written)} |"
  done
done
echo
echo "Machine load at the end: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores)."
