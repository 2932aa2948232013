#!/usr/bin/env bash
# An outside peer: WordPress (Debian's packages) on the same articles, for import speed and page
# speed. The corpus (seed 42) is written as e-paper text for `broadsheet import` and as a WXR file
# (Benchmarks/wxr.py) for WordPress, imported through WordPress's own API as its importer plugin
# does (Benchmarks/wordpress/import.php; the plugin is not in Debian). Both imports are timed by
# /usr/bin/time -v. Then one article's page is loaded with wrk on each: WordPress behind nginx
# and PHP-FPM (a static pool of 4 workers a core, Debian's php.ini with opcache, no page-cache
# plugin, date-based pretty permalinks, its default theme), Broadsheet's `serve` at the default
# log level, logging to a file.
#
#   Benchmarks/wordpress.sh OUT BIN COUNT DURATION CONNECTIONS    writes OUT/wordpress.json
#
# MariaDB, PHP-FPM and nginx run from folders and configurations of this run's own, bound to
# 127.0.0.1 and unix sockets under OUT/wordpress, and are stopped by their ids at the end.
set -euo pipefail
out=$1 bin=$2 count=$3 duration=$4 connections=$5
dir="$out/wordpress"
rm -rf "$dir"
mkdir -p "$dir"
zone=(--timezone Asia/Karachi)
export BROADSHEET_DB="$dir/broadsheet.sqlite"
workers=$((4 * $(nproc)))
user=$(id -un) group=$(id -gn)
as_root=()
[ "$(id -u)" = 0 ] && as_root=(--user=root)
pids=()
stop() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop EXIT
say() { printf '== %s\n' "$*" >&2; }
. "$(dirname "$0")/servers.sh"
fill() { # template: the template with @DIR@, @USER@, @GROUP@, @WORKERS@, @PORT@, @SOCKET@, @URL@ filled
    sed -e "s|@DIR@|$dir|g" -e "s|@USER@|$user|g" -e "s|@GROUP@|$group|g" -e "s|@WORKERS@|$workers|g" \
        -e "s|@PORT@|$port|g" -e "s|@SOCKET@|$dir/mysql.sock|g" -e "s|@URL@|http://127.0.0.1:$port|g" "$1"
}
timed() { # name command...: its log and /usr/bin/time's report beside it
    local name=$1
    shift
    /usr/bin/time -v -o "$dir/$name.time" "$@" >"$dir/$name.log" 2>&1 || { tail -20 "$dir/$name.log" >&2; exit 1; }
}

say "generating $count articles as e-paper text and as WXR"
python3 Benchmarks/corpus.py --seed 42 --count "$count" --epaper "$dir/epaper"
python3 Benchmarks/wxr.py --seed 42 --count "$count" --out "$dir/articles.xml"

say "WordPress: MariaDB, PHP-FPM ($workers workers) and nginx of this run's own"
mariadb-install-db --no-defaults "${as_root[@]}" --datadir="$dir/mysql" --auth-root-authentication-method=normal \
    --skip-test-db >"$dir/mariadb-install.log" 2>&1 || { tail -20 "$dir/mariadb-install.log" >&2; exit 1; }
mariadbd --no-defaults "${as_root[@]}" --datadir="$dir/mysql" --socket="$dir/mysql.sock" --port="$(free_port)" \
    --bind-address=127.0.0.1 --pid-file="$dir/mariadb.pid" --log-error="$dir/mariadb.log" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci >"$dir/mariadb.out" 2>&1 &
pids+=("$!")
for attempt in $(seq 600); do
    mariadb-admin --no-defaults --socket="$dir/mysql.sock" -uroot ping >/dev/null 2>&1 && break
    [ "$attempt" = 600 ] && { echo "MariaDB did not answer within 60 s (see $dir/mariadb.log)" >&2; exit 1; }
    sleep 0.1
done
mariadb --no-defaults --socket="$dir/mysql.sock" -uroot -e "CREATE DATABASE wordpress CHARACTER SET utf8mb4"

port=$(free_port)
cp -a /usr/share/wordpress "$dir/site"
salts=$(python3 -c '
import secrets
for name in ["AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT", "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT"]:
    print(f"define(\"{name}\", \"{secrets.token_hex(32)}\");")')
fill Benchmarks/wordpress/wp-config.php.in | python3 -c 'import sys; sys.stdout.write(sys.stdin.read().replace("@SALTS@", sys.argv[1]))' \
    "$salts" >"$dir/site/wp-config.php"
php Benchmarks/wordpress/install.php "$dir/site" >"$dir/install.log" 2>&1 || { cat "$dir/install.log" >&2; exit 1; }

say "import: WordPress, the WXR file through its own API"
sync
timed import-wordpress php Benchmarks/wordpress/import.php "$dir/site" "$dir/articles.xml"
imported=$(mariadb --no-defaults --socket="$dir/mysql.sock" -uroot -N wordpress -e \
    "SELECT COUNT(*) FROM wp_posts WHERE post_type = 'post' AND post_status = 'publish' AND guid LIKE 'https://bench.example/%'")
if [ "$imported" != "$count" ]; then
    echo "WordPress holds $imported of the $count articles after its import (see $dir/import-wordpress.log)" >&2
    exit 1
fi
say "import: broadsheet import (e-paper text)"
sync
timed import-broadsheet "$bin" import "${zone[@]}" "$dir/epaper"

fill Benchmarks/wordpress/php-fpm.conf.in >"$dir/php-fpm.conf"
fpm=$(ls /usr/sbin/php-fpm* | head -1)
fpm_root=()
[ "$(id -u)" = 0 ] && fpm_root=(--allow-to-run-as-root)
"$fpm" --nodaemonize --fpm-config "$dir/php-fpm.conf" "${fpm_root[@]}" >"$dir/php-fpm.out" 2>&1 &
pids+=("$!")
fill Benchmarks/wordpress/nginx.conf.in >"$dir/nginx.conf"
nginx -c "$dir/nginx.conf" -p "$dir" &
pids+=("$!")
wait_for "http://127.0.0.1:$port/" 60 >/dev/null

broadsheet_port=$(free_port)
"$bin" serve "${zone[@]}" --port "$broadsheet_port" >"$dir/serve.log" 2>&1 &
pids+=("$!")
wait_for "http://127.0.0.1:$broadsheet_port/" >/dev/null

say "finding the same article on both, and checking each answers 200 with its headline"
python3 - "$dir" "http://127.0.0.1:$broadsheet_port" "http://127.0.0.1:$port" <<'PY'
import html, json, subprocess, sys, urllib.parse, urllib.request
folder, ours, theirs = sys.argv[1:]
article = json.load(urllib.request.urlopen(ours + "/api/v1/articles?section=national&limit=1"))["items"][0]
headline = article["headline"]
query = "SELECT ID FROM wp_posts WHERE post_type = 'post' AND post_status = 'publish' AND post_title = %s"
found = subprocess.run(["mariadb", "--no-defaults", f"--socket={folder}/mysql.sock", "-uroot", "-N", "wordpress", "-e",
                        query.replace("%s", "'" + headline.replace("\\", "\\\\").replace("'", "''") + "'")],
                       capture_output=True, text=True, check=True).stdout.split()
if len(found) != 1:
    sys.exit(f"WordPress holds {len(found)} published posts titled {headline!r}, expected one")


class Keep(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


# ?p=ID answers with a redirect to the post's pretty permalink: the page to load is that one.
try:
    urllib.request.build_opener(Keep).open(f"{theirs}/?p={found[0]}")
    sys.exit(f"WordPress did not redirect ?p={found[0]} to its permalink")
except urllib.error.HTTPError as redirect:
    permalink = redirect.headers["Location"]
paths = {"broadsheet": urllib.parse.urlsplit(article["url"]).path, "wordpress": urllib.parse.urlsplit(permalink).path}
for name, base in (("broadsheet", ours), ("wordpress", theirs)):
    with urllib.request.urlopen(base + paths[name]) as response:
        body = response.read().decode()
        if response.status != 200 or headline not in html.unescape(body):
            sys.exit(f"{name}: {base + paths[name]} answered {response.status} without the headline {headline!r}")
json.dump({"headline": headline, "paths": paths}, open(f"{folder}/article.json", "w"))
print(f"{headline!r}: {paths['broadsheet']} and {paths['wordpress']}", file=sys.stderr)
PY

load() { # name port run
    local path
    path=$(python3 -c "import json; print(json.load(open('$dir/article.json'))['paths']['$1'])")
    # A WordPress page under this load waits longer than wrk's default 2 s timeout, which would drop
    # those requests from the latencies: both sides get 30 s.
    timeout $((duration + 60)) wrk -t2 -c"$connections" -d"${duration}s" --timeout 30s --latency "http://127.0.0.1:$2$path" \
        >"$out/wrk-peer-$1-$3.txt"
}
for run in 1 2; do
    say "load run $run: the article page, Broadsheet then WordPress"
    load broadsheet "$broadsheet_port" "$run"
    load wordpress "$port" "$run"
done

python3 - "$dir" "$out/wordpress.json" "$count" "$workers" <<'PY'
import json, os, re, subprocess, sys
sys.path.insert(0, "Benchmarks")
import gnu_time
folder, target, count, workers = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])


def timing(name):
    return gnu_time.timing(os.path.join(folder, name + ".time"))


def version(*command):
    return subprocess.run(command, capture_output=True, text=True).stdout.strip()


installed = open(os.path.join(folder, "install.log")).read()
result = {
    "count": count,
    "import": {"broadsheet": timing("import-broadsheet"), "wordpress": timing("import-wordpress")},
    "imported": open(os.path.join(folder, "import-wordpress.log")).read().strip().splitlines()[-1],
    "article": json.load(open(os.path.join(folder, "article.json"))),
    "setup": {
        "wordpress": re.search(r"WordPress (\S+), theme (\S+)", installed).groups(),
        "php": version("php", "-r", "echo PHP_VERSION;"),
        "mariadb": version("mariadbd", "--version").split(" Ver ")[-1].split(" for ")[0],
        "php_fpm_workers": workers,
        "importer": "Benchmarks/wordpress/import.php: the importer plugin's steps through WordPress's API (the plugin is not in Debian)",
        "cache": "none (no page-cache plugin); opcache on",
        "permalinks": "/%year%/%monthnum%/%day%/%postname%/",
    },
}
json.dump(result, open(target, "w"), indent=1)
PY
