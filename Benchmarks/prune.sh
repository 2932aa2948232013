#!/usr/bin/env bash
# Removes from a benchmark run's folder what can be made again and is not a measurement: the
# archives, corpora, page snapshots, images and exported sites, 8.3 GB at 100,000 articles. Keeps
# the report, the chart, the timings, the load runs and the logs. At 322298d seven kept runs left
# 2.5 GB on the disk CI shares, and CI's suite failed at every write.
#
#   Benchmarks/prune.sh OUT_DIR    prints what it freed
set -euo pipefail
out=$1
before=$(du -sm "$out" | cut -f1)
# The folders inside each part's folder (static-export/site, printed/scan, wordpress/mysql, ...)
# and the top-level corpora and page snapshots.
find "$out" -mindepth 2 -maxdepth 2 -type d -exec rm -rf {} +
rm -rf "$out"/corpus* "$out"/static "$out"/static-big
find "$out" -type f \( -name '*.sqlite' -o -name '*.sqlite-wal' -o -name '*.sqlite-shm' -o -name '*.jsonl' \
    -o -name '*.v' -o -name '*.pdf' -o -name 'articles.xml' \) -delete
after=$(du -sm "$out" | cut -f1)
echo "freed $((before - after)) MB of archives, corpora and sites in $out (BENCH_KEEP=1 keeps them)" >&2
