#!/usr/bin/env bash
# The desk's pages against the reader's, in one run: the article page as readers get it (the
# page cache's path), the API's article list as a signed-in tool gets it (read from the store on
# every request, like a desk page), and the desk's list, editor and page plan as a signed-in
# editor gets them (rendered for one person on every request, never cached). Reports requests
# per second and p99 latency, each as a ratio of the article page.
#
#   Benchmarks/desk.sh OUT BIN DURATION CONNECTIONS
set -euo pipefail
out=$1 bin=$2 duration=$3 connections=$4
work="$out/desk"
mkdir -p "$work"
pid=""
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; }
trap cleanup EXIT
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"

password="a benchmark password"
printf '%s\n' "$password" | "$bin" users add bench-editor --role editor --password-stdin --db "$work/desk.sqlite" >/dev/null
"$bin" serve --demo --db "$work/desk.sqlite" --host 127.0.0.1 --port "$port" >"$work/serve.log" 2>"$work/access.log" &
pid=$!
for _ in $(seq 1 300); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

cookie=$(curl -s -o /dev/null -D - --data-urlencode "name=bench-editor" --data-urlencode "password=$password" \
    "$base/desk/sign-in" | sed -n 's/^[Ss]et-[Cc]ookie: \(broadsheet_desk=[^;]*\).*/\1/p')
[ -n "$cookie" ] || { echo "desk bench: sign-in failed" >&2; exit 1; }
token=$(curl -fs -H 'Content-Type: application/json' \
    -d "{\"name\": \"bench-editor\", \"password\": \"$password\"}" "$base/api/v1/session" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
article=$(curl -fs "$base/api/v1/articles?limit=1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["url"])')
article_path=/${article#*://*/}
id=$(curl -fs "$base/api/v1/articles?limit=1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["id"])')
date=$(curl -fs "$base/api/v1/editions" | python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["date"])')

run() { # name path [header]
    local file="$work/wrk-$1.txt"
    curl -fs -o /dev/null ${3:+-H "$3"} "$base$2"
    if [ -n "${3:-}" ]; then
        timeout $((duration + 30)) wrk -t2 -c"$connections" -d"${duration}s" --latency -H "$3" "$base$2" >"$file"
    else
        timeout $((duration + 30)) wrk -t2 -c"$connections" -d"${duration}s" --latency "$base$2" >"$file"
    fi
    python3 - "$1" "$file" <<'PY'
import re, sys
text = open(sys.argv[2]).read()
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(f"{sys.argv[1]} {rate:.0f} {float(p99.group(1)) * scale:.2f} {errors.group(1) if errors else 0}")
PY
}

{
    run article "$article_path"
    run api-list "/api/v1/articles?status=published&limit=50" "Authorization: Bearer $token"
    run desk-list "/desk?status=published" "Cookie: $cookie"
    run desk-editor "/desk/articles/$id" "Cookie: $cookie"
    run desk-plan "/desk/editions/$date" "Cookie: $cookie"
} >"$work/results.txt"

python3 - "$work/results.txt" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1])]
name, rate, p99, errors = rows[0]
rate, p99 = float(rate), float(p99)
print("| page | requests/s | p99 (ms) | requests/s against the article page | p99 against the article page | errors |")
print("|---|---|---|---|---|---|")
print(f"| article page (reader, page cache) | {rate:,.0f} | {p99:.2f} | 1.00x | 1.00x | {errors} |")
for desk, desk_rate, desk_p99, desk_errors in rows[1:]:
    print(f"| {desk} (signed in, uncached) | {float(desk_rate):,.0f} | {float(desk_p99):.2f} | "
          f"{float(desk_rate) / rate:.2f}x | {float(desk_p99) / p99:.2f}x | {desk_errors} |")
PY
