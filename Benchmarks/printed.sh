#!/usr/bin/env bash
# The printed pages' half of scripts/bench: importing a PDF edition against the toolchain doing
# the same work alone (poppler's pdftotext for the words, the vips command drawing each page at
# 150 dpi into a JPEG), memory at two edition sizes, thumbnails and tiles served against nginx
# serving the same bytes, and region requests no cache has seen on a 6000 x 9000 page.
#
#   Benchmarks/printed.sh OUT BIN DURATION CONNECTIONS
set -euo pipefail
out=$1 bin=$2 duration=$3 connections=$4
root=$(cd "$(dirname "$0")/.." && pwd)
work="$out/printed"
mkdir -p "$work/static"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
say() { printf '\n== %s\n' "$*" >&2; }
. "$root/Benchmarks/servers.sh"

for pages in 8 32; do
    python3 "$root/Benchmarks/edition_pdf.py" --pages "$pages" --seed 42 "$work/edition-$pages.pdf"
    say "printed import: $pages pages, broadsheet import"
    python3 "$root/Benchmarks/measure.py" "$out/printed-import-$pages.json" -- \
        "$bin" import --db "$work/import-$pages.sqlite" --edition 2026-01-05 "$work/edition-$pages.pdf"
    say "printed import anchor: $pages pages, pdftotext and vips alone"
    mkdir -p "$work/toolchain-$pages"
    python3 "$root/Benchmarks/measure.py" "$out/printed-toolchain-$pages.json" -- sh -c '
        pdf=$1 folder=$2 pages=$3
        pdftotext -bbox-layout -enc UTF-8 "$pdf" "$folder/words.html"
        page=0
        while [ "$page" -lt "$pages" ]; do
            vips pdfload "$pdf" "$folder/page-$page.jpg[Q=85]" --page "$page" --dpi 150
            page=$((page + 1))
        done' toolchain "$work/edition-$pages.pdf" "$work/toolchain-$pages" "$pages"
done

# A 6000 x 9000 page, as a large broadsheet scan is: page 1 drawn at 513 dpi on a white sheet.
say "a 6000 x 9000 page for uncached regions"
vips pdfload "$work/edition-8.pdf" "$work/drawn.v" --page 0 --dpi 513
vips gravity "$work/drawn.v" "$work/big.jpg[Q=85]" north-west 6000 9000 --extend white
digest=$(sha256sum "$work/big.jpg" | cut -c1-64)
# Filed as a library's scan is, through a METS issue of one page (no words): the import keeps the
# page with its thumbnail, overview and, at this size, its tiled pyramid.
mkdir -p "$work/scan/images"
cp "$work/big.jpg" "$work/scan/images/0001.jpg"
cat >"$work/scan/mets.xml" <<'METS'
<?xml version="1.0" encoding="UTF-8"?>
<mets:mets xmlns:mets="http://www.loc.gov/METS/" xmlns:mods="http://www.loc.gov/mods/v3"
    xmlns:xlink="http://www.w3.org/1999/xlink">
  <mets:dmdSec ID="ISSUE"><mets:mdWrap MDTYPE="MODS"><mets:xmlData><mods:mods>
    <mods:originInfo><mods:dateIssued>2026-01-06</mods:dateIssued></mods:originInfo>
  </mods:mods></mets:xmlData></mets:mdWrap></mets:dmdSec>
  <mets:fileSec><mets:fileGrp USE="IMAGE">
    <mets:file ID="IMG1" MIMETYPE="image/jpeg"><mets:FLocat xlink:href="images/0001.jpg"/></mets:file>
  </mets:fileGrp></mets:fileSec>
  <mets:structMap TYPE="PHYSICAL"><mets:div TYPE="Newspaper">
    <mets:div TYPE="page" ORDER="1" ORDERLABEL="1"><mets:fptr FILEID="IMG1"/></mets:div>
  </mets:div></mets:structMap>
</mets:mets>
METS
say "printed import: a 6000 x 9000 scan, broadsheet import"
python3 "$root/Benchmarks/measure.py" "$out/printed-import-scan.json" -- \
    "$bin" import --db "$work/import-8.sqlite" "$work/scan/mets.xml"
say "printed import anchor: the vips commands making the same derivatives"
python3 "$root/Benchmarks/measure.py" "$out/printed-toolchain-scan.json" -- sh -c '
    big=$1 folder=$2
    vips thumbnail "$big" "$folder/thumbnail.jpg[Q=82]" 256 --height 384 --size force
    vips thumbnail "$folder/thumbnail.jpg" "$folder/overview.jpg[Q=82]" 188 --height 282 --size force
    vips tiffsave "$big" "$folder/pyramid.tif" --tile --pyramid --compression jpeg --Q 85 \
        --tile-width 256 --tile-height 256 --strip' toolchain "$work/big.jpg" "$work/scan"

port=$(free_port)
"$bin" serve --db "$work/import-8.sqlite" --port "$port" >"$work/serve.log" 2>&1 &
pids+=("$!")
base="http://127.0.0.1:$port"
wait_for "$base/healthz" >/dev/null

# The paths served: page 1's thumbnail and one tile of it, as the pages API and info.json name them.
python3 - "$base" "$work" <<'PY'
import json, sys, urllib.request
base, work = sys.argv[1:]
page = json.load(urllib.request.urlopen(f"{base}/api/v1/editions/2026-01-05/pages/1"))
service = page["iiif_id"].split("/iiif/3/", 1)[1]
info = json.load(urllib.request.urlopen(f"{base}/iiif/3/{service}/info.json"))
tile = info["tiles"][0]["width"]
paths = {"thumbnail": "/" + page["thumbnail"].split("/", 3)[3],
         "tile": f"/iiif/3/{service}/0,0,{tile},{tile}/{tile},/0/default.jpg"}
json.dump(paths, open(f"{work}/paths.json", "w"))
for name, path in paths.items():
    with urllib.request.urlopen(base + path) as answer, open(f"{work}/static/{name}.jpg", "wb") as file:
        file.write(answer.read())
PY

nginx_port=$(free_port)
sed -e "s|@OUT@|$work|g" -e "s|@PORT@|$nginx_port|g" "$root/Benchmarks/nginx.conf.in" >"$work/nginx.conf"
nginx -c "$work/nginx.conf" -p "$work" &
pids+=("$!")
sleep 1
# The framework's own share: Hummingbird answering with the thumbnail's bytes and nothing else.
bare_port=$(free_port)
"$BARE_SERVER" "$bare_port" "$work/static/thumbnail.jpg" image/jpeg >"$work/bare.log" 2>&1 &
pids+=("$!")
sleep 1
for run in 1 2; do
    timeout $((duration + 30)) wrk -t2 -c"$connections" -d"${duration}s" --latency \
        "http://127.0.0.1:$bare_port/thumbnail.jpg" >"$out/wrk-bare-printed-thumbnail-$run.txt"
    for name in thumbnail tile; do
        path=$(python3 -c "import json; print(json.load(open('$work/paths.json'))['$name'])")
        say "load run $run: $name"
        timeout $((duration + 30)) wrk -t2 -c"$connections" -d"${duration}s" --latency "$base$path" \
            >"$out/wrk-broadsheet-printed-$name-$run.txt"
        timeout $((duration + 30)) wrk -t2 -c"$connections" -d"${duration}s" --latency \
            "http://127.0.0.1:$nginx_port/$name.jpg" >"$out/wrk-nginx-printed-$name-$run.txt"
    done
done

say "uncached regions of the 6000 x 9000 page"
python3 - "$base" "$digest" "$out/printed-regions.json" <<'PY'
import json, random, sys, time, urllib.request
base, digest, out = sys.argv[1:]
rng = random.Random(7)
timings = {}
# A reader zooming in: full-resolution 1024-pixel tiles, and 2048-pixel areas drawn at half size.
for name, side, size in [("tile", 1024, "max"), ("zoomed-out", 2048, "1024,")]:
    seconds = []
    for _ in range(100):
        x, y = rng.randrange(0, 6000 - side), rng.randrange(0, 9000 - side)
        url = f"{base}/iiif/3/{digest}/{x},{y},{side},{side}/{size}/0/default.jpg"
        started = time.perf_counter()
        urllib.request.urlopen(url).read()
        seconds.append(time.perf_counter() - started)
    seconds.sort()
    timings[name] = {"p50_ms": seconds[49] * 1000, "p99_ms": seconds[98] * 1000}
json.dump(timings, open(out, "w"))
PY

say "the anchor: the vips command cutting the same kind of regions from the same file"
python3 - "$work/big.jpg" "$work" "$out/printed-regions-anchor.json" <<'PY'
import json, random, subprocess, sys, time
big, work, out = sys.argv[1:]
rng = random.Random(7)
timings = {}
for name, side, scale in [("tile", 1024, 1.0), ("zoomed-out", 2048, 0.5)]:
    seconds = []
    for _ in range(40):
        x, y = rng.randrange(0, 6000 - side), rng.randrange(0, 9000 - side)
        started = time.perf_counter()
        subprocess.run(["vips", "crop", big, f"{work}/crop.v", str(x), str(y), str(side), str(side)], check=True)
        subprocess.run(["vips", "resize", f"{work}/crop.v", f"{work}/crop.jpg[Q=85]", str(scale)], check=True)
        seconds.append(time.perf_counter() - started)
    seconds.sort()
    timings[name] = {"p50_ms": seconds[19] * 1000, "p99_ms": seconds[-1] * 1000}
json.dump(timings, open(out, "w"))
PY
