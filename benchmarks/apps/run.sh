#!/usr/bin/env bash
# Measures logdex's index recommendations on a realistic app it was not built beside, for real, on PostgreSQL:
#   1. builds the app's database (schema with keys only, skewed data at --scale),
#   2. captures a day's workload in miniature (reads and writes with pgbench, into pg_stat_statements),
#   3. asks logdex for its indexes (migrate --from-db --top N), and applies its migration as a user would,
#   4. times the app's read mix with no index, with logdex's top N, with all of logdex's, with logdex's top N by its
#      own estimate (--no-planner; the others are the planner's choice where HypoPG is installed), with a DBA's
#      hand-picked top N and with all of the DBA's indexes, each after a warm-up, and prints a Markdown table.
# Nothing here asserts logdex's choices: the numbers go in the README.
#
#   5. with --rehearse, captures a few seconds of the workload in the server log (with its values), and runs
#      logdex rehearse on a copy of the app as built: logdex's migration applied, the logged statements timed
#      before and after, its report printed.
#
# Usage: benchmarks/apps/run.sh APP [--scale S] [--top N] [--capture SECONDS] [--measure SECONDS] [--keep]
#          [--rehearse]
#   APP is a folder next to this script (marketplace, helpdesk, projects). The database logdex_app_APP is dropped at the end
#   unless --keep. Needs psql and pgbench on PATH, pg_stat_statements preloaded, and a built cli/target/logdex.jar.
#   PGHOST, PGPORT and PGUSER default to 127.0.0.1, 5432 and postgres; LOGDEX_JAR to cli/target/logdex.jar.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
app="${1:?usage: run.sh APP [--scale S] [--top N] [--capture SECONDS] [--measure SECONDS] [--keep]}"
shift
scale=1 top=10 capture=60 measure=30 keep=0 rehearse=0
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale="$2"; shift 2 ;;
    --top) top="$2"; shift 2 ;;
    --capture) capture="$2"; shift 2 ;;
    --measure) measure="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --rehearse) rehearse=1; shift ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
dir="$here/$app"
[ -f "$dir/schema.sql" ] || { echo "run.sh: no app $app in $here" >&2; exit 2; }
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
db="logdex_app_$app"
jar="${LOGDEX_JAR:-$root/cli/target/logdex.jar}"
[ -f "$jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
out="$(mktemp -d)"
trap '[ "$keep" = 1 ] || dropdb --if-exists "$db"; rm -rf "$out"' EXIT
q() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }
log() { echo "run.sh: $*" >&2; }

log "building $db at scale $scale"
dropdb --if-exists "$db"
createdb "$db"
q -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" -f "$dir/schema.sql"
# HypoPG, where the server has it, lets logdex's planner choose (analyze --db); --no-planner is measured too.
hypopg=$(q -Atc "SELECT count(*) FROM pg_available_extensions WHERE name = 'hypopg'")
[ "$hypopg" = 0 ] || q -c "CREATE EXTENSION hypopg"
start=$(date +%s)
q -v scale="$scale" -f "$dir/data.sql" > /dev/null
log "loaded in $(( $(date +%s) - start )) s: $(q -Atc "SELECT pg_size_pretty(pg_database_size(current_database()))")"

# The scripts and their weights, all (the captured day) and reads only (what is timed).
all=() reads=()
while read -r script weight; do
  case "$script" in ''|'#'*) continue ;; esac
  all+=(-f "$dir/$script@$weight")
  case "$script" in reads/*) reads+=(-f "$dir/$script@$weight") ;; esac
done < "$dir/workload.conf"
bench() { pgbench -n -M prepared -D scale="$scale" -c 2 -j 2 "$@" "$db" 2>&1; }

log "capturing the workload for $capture s"
q -Atc "SELECT pg_stat_statements_reset()" > /dev/null
bench -T "$capture" "${all[@]}" > "$out/capture.txt"
q -c "VACUUM ANALYZE" # the writes moved the statistics: logdex reads them as a DBA's database has them

log "asking logdex"
java -jar "$jar" analyze --db "jdbc:postgresql://$PGHOST:$PGPORT/$db" --db-user "$PGUSER" --from-db \
  > "$out/report.txt" 2> "$out/report.err" || { cat "$out/report.err" >&2; exit 1; }
java -jar "$jar" analyze --no-planner --db "jdbc:postgresql://$PGHOST:$PGPORT/$db" --db-user "$PGUSER" --from-db \
  > "$out/report-model.txt" 2>> "$out/report.err"
for n in "$top" all model-"$top"; do
  opts=(); case "$n" in all) ;; model-*) opts=(--top "$top" --no-planner) ;; *) opts=(--top "$n") ;; esac
  java -jar "$jar" migrate -q --db "jdbc:postgresql://$PGHOST:$PGPORT/$db" --db-user "$PGUSER" --from-db \
    --only indexes --style plain --to "$out/logdex-$n" "${opts[@]}" > /dev/null 2>> "$out/report.err"
  find "$out/logdex-$n" -name up.sql | sort | xargs cat > "$out/logdex-$n.sql"
done
head -n $((top + 1)) <(grep -v '^--' "$dir/handpicked.sql" | grep -v '^$') | head -n "$top" > "$out/hand-$top.sql"
grep -v '^--' "$dir/handpicked.sql" > "$out/hand-all.sql"
: > "$out/none.sql"

# Drops every index that backs no constraint: the app as it was built.
reset_indexes() {
  q -Atc "SELECT format('DROP INDEX %I.%I;', n.nspname, c.relname) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)" | q > /dev/null
}

printf '| %s | indexes | size | read latency (ms) | of no index |\n|---|---:|---:|---:|---:|\n' "$app (scale $scale)"
base=""
for config in none "logdex-$top" logdex-all "logdex-model-$top" "hand-$top" hand-all; do
  reset_indexes
  q -f "$out/$config.sql" > /dev/null
  q -c "ANALYZE" > /dev/null
  count=$(q -Atc "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)")
  size=$(q -Atc "SELECT pg_size_pretty(coalesce(sum(pg_relation_size(i.indexrelid)), 0)) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                 JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
                 AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)")
  bench -T 5 "${reads[@]}" > /dev/null # warm-up
  latency=$(bench -T "$measure" "${reads[@]}" | sed -n 's/^latency average = \([0-9.]*\) ms$/\1/p')
  [ -n "$base" ] || base="$latency"
  printf '| %s | %s | %s | %s | %s |\n' "$config" "$count" "$size" "$latency" \
    "$(awk -v a="$latency" -v b="$base" 'BEGIN { printf "%.3f", a / b }')"
done
if [ "$rehearse" = 1 ]; then
  # The server log, where statements are written with their values: pg_stat_statements has none to replay.
  pglog="${PGLOG:-/var/log/postgresql/postgresql-15-main.log}"
  [ -r "$pglog" ] || { echo "run.sh: --rehearse reads the server log at $pglog (set PGLOG)" >&2; exit 2; }
  reset_indexes
  q -c "ANALYZE" > /dev/null
  log "capturing 5 s of the workload in $pglog, with values"
  q -c "ALTER DATABASE $db SET log_min_duration_statement = 0" > /dev/null
  offset=$(stat -c %s "$pglog")
  pgbench -n -M simple -D scale="$scale" -c 2 -j 2 -T 5 "${all[@]}" "$db" > /dev/null 2>&1
  q -c "ALTER DATABASE $db RESET log_min_duration_statement" > /dev/null
  # Only this database's lines (Debian's prefix '%m [%p] %q%u@%d '), with their continuation lines.
  tail -c +$((offset + 1)) "$pglog" | awk -v db="@$db " '
    /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] / { keep = index($0, db) > 0 }
    keep' > "$out/server.log"
  log "rehearsing logdex's migration on a copy of $db ($(wc -l < "$out/server.log") log lines)"
  java -jar "$jar" rehearse --db "jdbc:postgresql://$PGHOST:$PGPORT/$db" --db-user "$PGUSER" \
    --copy-to "${db}_rehearsal" --replace --rounds 5 "$out/server.log" > "$out/rehearsal.txt" 2>> "$out/report.err" \
    || { cat "$out/report.err" >&2; exit 1; }
  cat "$out/rehearsal.txt"
fi
log "logdex's report:"
sed -n '1,/^$/p' "$out/report.txt" >&2
[ "$keep" = 0 ] || { mkdir -p "$here/$app/last-run"; cp "$out"/*.sql "$out"/report* "$out/capture.txt" "$here/$app/last-run/"; }
