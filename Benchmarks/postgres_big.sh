#!/usr/bin/env bash
# PostgreSQL search at a million articles: the SQLite half's big corpus (seed 43) imported into the
# PostgreSQL store, then the 200 search queries and the judged set against the bare tsvector query.
# Run beside the throwaway cluster of scripts/with-postgres (BROADSHEET_TEST_POSTGRES_URL).
#
#   Benchmarks/postgres_big.sh OUT BIN COUNT
#
# The import is how the articles get there, not a figure of its own: its time goes to
# import-epaper-postgres-big.json for the record. The search's figures go to search-postgres-big.json.
set -euo pipefail
out=$1 bin=$2 count=$3
url=$BROADSHEET_TEST_POSTGRES_URL
zone=(--timezone Asia/Karachi)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true' EXIT
. "$(dirname "$0")/servers.sh"

echo "== the corpus: $count articles, seed 43 as the SQLite half's" >&2
python3 Benchmarks/corpus.py --seed 43 --count "$count" --epaper "$out/corpus-big/epaper"

echo "== import into PostgreSQL (e-paper text)" >&2
"$bin" db migrate --db "$url" >/dev/null
python3 Benchmarks/measure.py "$out/import-epaper-postgres-big.json" -- "$bin" import --db "$url" "${zone[@]}" "$out/corpus-big/epaper"
rm -rf "$out/corpus-big"

port=$(free_port)
"$bin" serve --db "$url" "${zone[@]}" --port "$port" >"$out/serve-postgres-big.log" 2>&1 &
pid=$!
wait_for "http://127.0.0.1:$port/" >/dev/null

echo "== search at $count articles against the bare tsvector query" >&2
# Debian's python3, where Debian's psycopg2 is installed.
/usr/bin/python3 Benchmarks/search_bench.py --base "http://127.0.0.1:$port" --postgres "$url" --out "$out/search-postgres-big.json"
