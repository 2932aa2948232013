#!/usr/bin/env bash
# The PostgreSQL half of scripts/bench: the same import, pages and search against the PostgreSQL
# store, run beside the throwaway cluster of scripts/with-postgres (BROADSHEET_TEST_POSTGRES_URL).
#
#   Benchmarks/postgres.sh OUT BIN DURATION CONNECTIONS
#
# It reads what the SQLite half left in OUT (the corpus, pages.json, mix.txt) and writes
# *-postgres.* files beside its results; report.py sets them against the same run's anchors.
set -euo pipefail
out=$1 bin=$2 duration=$3 connections=$4
url=$BROADSHEET_TEST_POSTGRES_URL
zone=(--timezone Asia/Karachi)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true' EXIT
. "$(dirname "$0")/servers.sh"

echo "== import into PostgreSQL (e-paper text)" >&2
"$bin" db migrate --db "$url" >/dev/null
python3 Benchmarks/measure.py "$out/import-epaper-postgres.json" -- "$bin" import --db "$url" "${zone[@]}" "$out/corpus/epaper"

echo "== import anchor: PostgreSQL's own bare COPY of the rows the import wrote" >&2
anchor_url=${url/\/broadsheet_test\?/\/broadsheet_copy_anchor?}
psql "$url" -qc "DROP DATABASE IF EXISTS broadsheet_copy_anchor" -c "CREATE DATABASE broadsheet_copy_anchor"
"$bin" db migrate --db "$anchor_url" >/dev/null
# Debian's python3, where Debian's psycopg2 is installed.
/usr/bin/python3 Benchmarks/postgres_copy.py --source "$url" --target "$anchor_url" --out "$out/import-copy-postgres.json"
psql "$url" -qc "DROP DATABASE broadsheet_copy_anchor"

echo "== pages from PostgreSQL" >&2
port=$(free_port)
"$bin" serve --db "$url" "${zone[@]}" --port "$port" >"$out/serve-postgres.log" 2>&1 &
pid=$!
wait_for "http://127.0.0.1:$port/" >/dev/null
for run in 1 2; do
    for page in article mix; do
        echo "== load run $run: $page (PostgreSQL)" >&2
        file="$out/wrk-postgres-$page-$run.txt"
        if [ "$page" = mix ]; then
            timeout $((duration + 30)) wrk -t2 -c"$connections" -d"${duration}s" --latency -s Benchmarks/mix.lua \
                "http://127.0.0.1:$port" -- "$out/mix.txt" >"$file"
        else
            path=$(python3 -c "import json; print(json.load(open('$out/pages.json'))['article'])")
            timeout $((duration + 30)) wrk -t2 -c"$connections" -d"${duration}s" --latency "http://127.0.0.1:$port$path" >"$file"
        fi
    done
done

echo "== search against the bare tsvector query" >&2
# Debian's python3, where Debian's psycopg2 is installed.
/usr/bin/python3 Benchmarks/search_bench.py --base "http://127.0.0.1:$port" --postgres "$url" --out "$out/search-postgres.json"
