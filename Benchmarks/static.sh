#!/usr/bin/env bash
# The static export against Hugo (Debian's package) on the same articles: Hugo builds them as
# Markdown with a minimal theme of ours (Benchmarks/hugo_site.py), Broadsheet exports them from an
# archive they were imported into. Then 100 of the articles change and Broadsheet exports again.
# Each run is timed by /usr/bin/time -v (wall clock and "Maximum resident set size"); pages are the
# HTML files each wrote. The repeat export is timed three times, each after 100 other articles
# changed, and the median is the figure: one run of it moved by a third between runs here. Last,
# a day's new stories (`new_stories`) are imported and the export runs again: new stories enter
# listings and other stories' related boxes, which a change to a body does not.
#
#   Benchmarks/static.sh OUT_DIR BROADSHEET_BINARY COUNT    writes OUT_DIR/static.json
set -euo pipefail
out=$1 bin=$2 count=$3
new_stories=50  # a day of news at the benchmark's 100,000 stories
dir="$out/static-export"
rm -rf "$dir"
mkdir -p "$dir"
zone=(--timezone Asia/Karachi)
export BROADSHEET_DB="$dir/broadsheet.sqlite"

python3 Benchmarks/corpus.py --seed 44 --count "$count" --ninjs "$dir/articles.jsonl"
python3 Benchmarks/hugo_site.py --ninjs "$dir/articles.jsonl" --site "$dir/hugo"
for round in 0 1 2; do
    python3 Benchmarks/hugo_site.py --ninjs "$dir/articles.jsonl" --change 100 --round "$round" \
        --out "$dir/changed-$round.jsonl"
done
python3 Benchmarks/hugo_site.py --ninjs "$dir/articles.jsonl" --add "$new_stories" --out "$dir/new.jsonl"
"$bin" import "${zone[@]}" --format ninjs "$dir/articles.jsonl" >"$dir/import.log" 2>&1

timed() { # name command...: its log and /usr/bin/time's report beside it
    local name=$1
    shift
    /usr/bin/time -v -o "$dir/$name.time" "$@" >"$dir/$name.log" 2>&1 || { tail -20 "$dir/$name.log" >&2; exit 1; }
}
sync
timed hugo hugo --quiet -s "$dir/hugo" -d "$dir/hugo-public"
sync
timed export "$bin" export "${zone[@]}" --format static --out "$dir/site"
# Counted now: the new stories' run below adds pages to the same folder.
find "$dir/site" -name '*.html' | wc -l >"$dir/export.pages"
for round in 0 1 2; do
    "$bin" import "${zone[@]}" --format ninjs "$dir/changed-$round.jsonl" >"$dir/import-changed-$round.log" 2>&1
    sync
    timed "incremental-$round" "$bin" export "${zone[@]}" --format static --out "$dir/site"
done
"$bin" import "${zone[@]}" --format ninjs "$dir/new.jsonl" >"$dir/import-new.log" 2>&1
sync
timed new-stories "$bin" export "${zone[@]}" --format static --out "$dir/site"

python3 - "$dir" "$out/static.json" "$count" "$new_stories" <<'PY'
import json, os, sys
sys.path.insert(0, "Benchmarks")
import gnu_time
folder, target, count, new_stories = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])

def timing(name):
    return gnu_time.timing(os.path.join(folder, name + ".time"))

def pages(root):
    return sum(name.endswith(".html") for _, _, names in os.walk(root) for name in names)

result = {"count": count}
result["hugo"] = timing("hugo") | {"pages": pages(os.path.join(folder, "hugo-public"))}
result["export"] = timing("export") | {"pages": int(open(os.path.join(folder, "export.pages")).read())}
rounds = []
for round_number in range(3):
    name = f"incremental-{round_number}"
    log = open(os.path.join(folder, name + ".log")).read().strip().splitlines()[-3:]
    rounds.append(timing(name) | {"log": log})
# The median run stands for the repeat export; every run's time is kept beside it.
middle = sorted(rounds, key=lambda run: run["seconds"])[1]
result["incremental"] = middle | {"pages": pages(os.path.join(folder, "site")), "runs": [run["seconds"] for run in rounds]}
log = open(os.path.join(folder, "new-stories.log")).read().strip().splitlines()[-3:]
result["new_stories"] = timing("new-stories") | {"count": new_stories, "log": log}
json.dump(result, open(target, "w"), indent=1)
PY
