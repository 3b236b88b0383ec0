#!/usr/bin/env bash
# Rebuilds the sample shop on a local PostgreSQL 15 with pg_stat_statements loaded
# (shared_preload_libraries = 'pg_stat_statements'), runs the workload for 40 s, and writes
# ../schema.sql and ../pg_stat_statements.csv. Needs psql, pgbench and pg_dump.
set -euo pipefail
cd "$(dirname "$0")"
PG="-h 127.0.0.1 -U postgres"
psql $PG -d postgres -qc "DROP DATABASE IF EXISTS logdex_sample" -c "CREATE DATABASE logdex_sample"
psql $PG -d logdex_sample -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" \
  -f schema.sql -f data.sql
psql $PG -d logdex_sample -qc "SELECT pg_stat_statements_reset()" >/dev/null
pgbench $PG -n -T 40 -c 2 -M prepared -f login.sql@4 -f orders.sql@3 -f catalog.sql@3 -f writes.sql@1 \
  -f settings.sql@2 -f admin.sql@1 logdex_sample >/dev/null
psql $PG -d logdex_sample -qc "\copy (SELECT * FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'logdex_sample') AND query NOT LIKE '%pg_stat_statements%') TO '../pg_stat_statements.csv' CSV HEADER"
pg_dump $PG --schema-only logdex_sample | grep -v '^\\\(un\)\?restrict' > ../schema.sql
psql $PG -d postgres -qc "DROP DATABASE logdex_sample"
