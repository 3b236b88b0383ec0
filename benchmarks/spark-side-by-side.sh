#!/usr/bin/env bash
# Times the Spark job (spark/, dev.logdex.spark.AnalyzeJob) in local mode with one and with two cores, and
# logdex analyze on the same files, in one run: a fleet's day in small, N servers' PostgreSQL logs (each
# generated with a seed of its own, gzipped as servers rotate them). Prints a Markdown table of seconds, MB/s and
# events per second per core, and checks the job's snapshot equals the command's.
#
#   benchmarks/spark-side-by-side.sh [--size-gb 4] [--files 16] [--work DIR]
#
# The job runs as spark-submit would run it: the shaded jar on Spark's own classpath (the provided dependencies
# of spark/, from ~/.m2), with the JVM options Spark's launcher adds on Java 17; spark-submit itself when it is on
# PATH. The machine is shared and noisy: read the ratios, not the seconds.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size_gb=4
files=16
work=/tmp/logdex-spark-side-by-side
while [ $# -gt 0 ]; do
  case "$1" in
    --size-gb) size_gb="$2"; shift 2 ;;
    --files) files="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "spark-side-by-side: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
echo "building logdex, the Spark job and the benchmarks ..." >&2
(cd "$here" && mvn -q -B -DskipTests package -pl cli,spark,benchmarks -am >&2)
mkdir -p "$work"
(cd "$here/spark" && mvn -q -B dependency:build-classpath -Dmdep.includeScope=provided \
  -Dmdep.outputFile="$work/spark.classpath" >&2)
"$here/logdex" --version > /dev/null

per_mb=$(awk "BEGIN { print $size_gb * 1024 / $files }")
stamp="$work/params"
if [ "$(cat "$stamp" 2>/dev/null)" != "$size_gb $files" ]; then
  rm -f "$work"/*.log.gz "$work"/*.events
  for i in $(seq 1 "$files"); do
    f="$work/server$(printf %02d "$i")-postgresql.log"
    echo "generating $f.gz ($per_mb MB before gzip) ..." >&2
    java -cp "$here/benchmarks/target/benchmarks.jar" dev.logdex.bench.LogGenerator postgres "$f" "$per_mb" 3000 \
      "$i" 2> "$f.events"
    gzip -1 -f "$f"
  done
  echo "$size_gb $files" > "$stamp"
fi
logs=("$work"/server*-postgresql.log.gz)
events=$(cat "$work"/*.events | grep -o '[0-9,]* events' | tr -d ', events' | awk '{ s += $1 } END { print s }')
mb=$(awk "BEGIN { print $size_gb * 1024 }")

spark_opts=(-XX:+IgnoreUnrecognizedVMOptions $(grep -o -- '--add-opens=[^ <]*' "$here/spark/pom.xml" | tr '\n' ' ')
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true -Xmx2g)
job() { # CORES SAVE
  if command -v spark-submit > /dev/null; then
    spark-submit --master "local[$1]" --driver-memory 2g --class dev.logdex.spark.AnalyzeJob \
      "$here/spark/target/logdex-spark.jar" --save "$2" --format json -o /dev/null "${logs[@]}"
  else
    java "${spark_opts[@]}" -Dspark.master="local[$1]" -Dspark.ui.enabled=false \
      -cp "$here/spark/target/logdex-spark.jar:$(cat "$work/spark.classpath")" dev.logdex.spark.AnalyzeJob \
      --save "$2" --format json -o /dev/null "${logs[@]}"
  fi
}

rows=()
time_it() { # LABEL CORES COMMAND...
  local label="$1" cores="$2" t0 t1 secs
  shift 2
  t0=$(date +%s.%N)
  "$@" > /dev/null 2> "$work/last.err" || { cat "$work/last.err" >&2; exit 1; }
  t1=$(date +%s.%N)
  secs=$(awk "BEGIN { print $t1 - $t0 }")
  rows+=("$(printf "| %s | %.1f | %.0f | %.0f |" "$label" "$secs" "$(awk "BEGIN { print $mb / $secs }")" \
    "$(awk "BEGIN { print $events / $secs / $cores }")")")
}
time_it "logdex analyze (the command, 2 threads)" 2 "$here/logdex" analyze --quiet --save "$work/cli.json" \
  --format json -o /dev/null "${logs[@]}"
time_it "Spark job, local[1]" 1 job 1 "$work/job1.json"
time_it "Spark job, local[2]" 2 job 2 "$work/job2.json"
cmp -s "$work/cli.json" "$work/job1.json" && cmp -s "$work/cli.json" "$work/job2.json" \
  && same="the job's snapshots equal the command's, byte for byte" \
  || same="WARNING: the job's snapshot differs from the command's"

echo
echo "$(date -u +%Y-%m-%d), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $files gzipped PostgreSQL logs, \
$size_gb GB before gzip, $(echo "$events" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta') events; $same"
echo
echo "| run | seconds | MB/s | events/s per core |"
echo "|---|---:|---:|---:|"
printf "%s\n" "${rows[@]}"
