#!/usr/bin/env bash
# Measures logdex's index recommendations on a realistic app on MariaDB, for real, as run.sh does on PostgreSQL:
#   1. builds the app's database (schema with the keys and indexes it shipped with, skewed data at --scale),
#      and runs a plain ANALYZE TABLE (with --eits, ANALYZE ... PERSISTENT FOR ALL: column statistics),
#   2. captures a day's workload in miniature: the app's statements with their values (workload.py day),
#      through the mariadb client with the slow log on (long_query_time = 0),
#   3. asks logdex for its indexes (analyze and migrate --db on that slow log), as a DBA would,
#   4. times a separate draw of the app's reads (workload.py reads) with the indexes it shipped with, with logdex's
#      top N, with all of logdex's, with a DBA's hand-picked top N and with all of the DBA's (handpicked.sql), each
#      after a warm-up run, as the median of three runs, and prints a Markdown table.
# Nothing here asserts logdex's choices: the numbers go in the README.
#
# Usage: benchmarks/apps/run-mariadb.sh APP [--scale S] [--top N] [--day STATEMENTS] [--reads STATEMENTS]
#          [--eits] [--keep]
#   APP is a folder next to this script with a workload.py (bookings). The database logdex_app_APP is dropped at
#   the end unless --keep, which also copies the slow log, reports and index sets to APP/last-run. Needs the
#   mariadb client, python3 and a server where the client may set the global slow log (root), and a built
#   cli/target/logdex.jar. MYSQL_HOST and MYSQL_PORT default to 127.0.0.1 and 3306; LOGDEX_JAR to
#   cli/target/logdex.jar. The server's slow-log settings are put back at the end. Run it on an otherwise idle
#   server: the slow log takes every session's statements.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
app="${1:?usage: run-mariadb.sh APP [--scale S] [--top N] [--day N] [--reads N] [--eits] [--keep]}"
shift
scale=1 top=10 day=1500 reads=300 eits=0 keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale="$2"; shift 2 ;;
    --top) top="$2"; shift 2 ;;
    --day) day="$2"; shift 2 ;;
    --reads) reads="$2"; shift 2 ;;
    --eits) eits=1; shift ;;
    --keep) keep=1; shift ;;
    *) echo "run-mariadb.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
dir="$here/$app"
[ -f "$dir/workload.py" ] || { echo "run-mariadb.sh: no MariaDB app $app in $here (it needs a workload.py)" >&2; exit 2; }
host="${MYSQL_HOST:-127.0.0.1}" port="${MYSQL_PORT:-3306}"
db="logdex_app_$app"
url="jdbc:mariadb://$host:$port/$db"
jar="${LOGDEX_JAR:-$root/cli/target/logdex.jar}"
[ -f "$jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
export SCALE="$scale"
out="$(mktemp -d)"
chmod 777 "$out" # the server writes the slow log here
m() { mariadb -h "$host" -P "$port" -u root "$@"; }
log() { echo "run-mariadb.sh: $*" >&2; }
restore=$(m -N -e "SELECT CONCAT('SET GLOBAL slow_query_log = ', @@slow_query_log, ', long_query_time = ',
  @@long_query_time, ', slow_query_log_file = ', QUOTE(@@slow_query_log_file))")
trap 'm -e "$restore"; [ "$keep" = 1 ] || m -e "DROP DATABASE IF EXISTS $db"; rm -rf "$out"' EXIT

log "building $db at scale $scale"
m -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db"
m "$db" < "$dir/schema.sql"
start=$(date +%s)
{ echo "SET @scale = $scale;"; cat "$dir/data.sql"; } | m "$db"
tables=$(m -N "$db" -e "SELECT GROUP_CONCAT(table_name) FROM information_schema.tables WHERE table_schema = DATABASE()")
if [ "$eits" = 1 ]; then m "$db" -e "ANALYZE TABLE $tables PERSISTENT FOR ALL" > /dev/null; else m "$db" -e "ANALYZE TABLE $tables" > /dev/null; fi
log "loaded in $(( $(date +%s) - start )) s: $(m -N -e "SELECT CONCAT(ROUND(SUM(data_length + index_length) / 1048576), ' MB')
  FROM information_schema.tables WHERE table_schema = '$db'")"
# The indexes the app shipped with: each configuration starts from these.
shipped() { m -N "$db" -e "SELECT DISTINCT table_name, index_name FROM information_schema.statistics
  WHERE table_schema = DATABASE() ORDER BY 1, 2"; }
shipped > "$out/shipped.txt"

log "capturing the day's workload ($day statements) in the slow log"
m -e "SET GLOBAL slow_query_log_file = '$out/slow.log', long_query_time = 0, slow_query_log = 1"
python3 "$dir/workload.py" day 1 "$day" > "$out/day.sql"
start=$(date +%s)
m "$db" < "$out/day.sql" > /dev/null
m -e "SET GLOBAL slow_query_log = 0"
log "captured in $(( $(date +%s) - start )) s: $(wc -c < "$out/slow.log") bytes"
m "$db" -e "ANALYZE TABLE $tables" > /dev/null # the writes moved the statistics

log "asking logdex"
java -jar "$jar" analyze --db "$url" --db-user root "$out/slow.log" > "$out/report.txt" 2> "$out/report.err" \
  || { cat "$out/report.err" >&2; exit 1; }
for n in "$top" all; do
  opts=(); [ "$n" = all ] || opts=(--top "$n")
  java -jar "$jar" migrate -q --db "$url" --db-user root --only indexes --style plain --to "$out/logdex-$n" \
    "${opts[@]}" "$out/slow.log" > /dev/null 2>> "$out/report.err"
  find "$out/logdex-$n" -name up.sql | sort | xargs -r cat > "$out/logdex-$n.sql"
done
grep -v '^--' "$dir/handpicked.sql" | grep -v '^$' | head -n "$top" > "$out/hand-$top.sql"
grep -v '^--' "$dir/handpicked.sql" > "$out/hand-all.sql"
: > "$out/shipped.sql"

# Drops every index the app did not ship with.
reset_indexes() {
  m -N "$db" -e "SELECT DISTINCT CONCAT('ALTER TABLE \`', table_name, '\` DROP INDEX \`', index_name, '\`;')
    FROM information_schema.statistics WHERE table_schema = DATABASE()
    AND (table_name, index_name) NOT IN (SELECT table_name, index_name FROM $db.shipped_indexes)" | m "$db"
  [ "$(shipped)" = "$(cat "$out/shipped.txt")" ] || { log "the app's own indexes changed:"; shipped >&2; exit 1; }
}
m -N "$db" -e "CREATE TABLE shipped_indexes (table_name varchar(64), index_name varchar(64))"
while read -r t i; do m "$db" -e "INSERT INTO shipped_indexes VALUES ('$t', '$i')"; done < "$out/shipped.txt"
m "$db" -e "ANALYZE TABLE shipped_indexes" > /dev/null

python3 "$dir/workload.py" reads 2 "$reads" > "$out/reads.sql"
timed() { local s e; s=$(date +%s%N); m "$db" < "$out/reads.sql" > /dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
printf '| %s | indexes added | read time (%s statements, ms) | of shipped |\n|---|---:|---:|---:|\n' "$app (scale $scale)" "$reads"
base=""
for config in shipped "logdex-$top" logdex-all "hand-$top" hand-all; do
  reset_indexes
  m "$db" < "$out/$config.sql"
  m "$db" -e "ANALYZE TABLE $tables" > /dev/null
  added=$(m -N "$db" -e "SELECT COUNT(DISTINCT table_name, index_name) FROM information_schema.statistics
    WHERE table_schema = DATABASE() AND table_name <> 'shipped_indexes'
    AND (table_name, index_name) NOT IN (SELECT table_name, index_name FROM shipped_indexes)")
  timed > /dev/null # warm-up
  ms=$(for _ in 1 2 3; do timed; done | sort -n | sed -n 2p)
  [ -n "$base" ] || base="$ms"
  printf '| %s | %s | %s | %s |\n' "$config" "$added" "$ms" "$(awk -v a="$ms" -v b="$base" 'BEGIN { printf "%.3f", a / b }')"
done
log "logdex's report:"
sed -n '1,/^$/p' "$out/report.txt" >&2
[ "$keep" = 0 ] || { mkdir -p "$dir/last-run"; cp "$out"/*.sql "$out"/report* "$out/slow.log" "$dir/last-run/"; }
