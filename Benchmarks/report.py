#!/usr/bin/env python3
"""Turns one run's measurements into a table and a chart: every figure as a ratio to its anchor.

    report.py RUN_DIR      writes RUN_DIR/report.md and RUN_DIR/chart.svg, and prints the table
"""
import glob
import json
import os
import re
import statistics
import sys
from html import escape

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(path):
    """Requests per second and p50/p99 latency (ms) from wrk's output."""
    text = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    latency = {}
    for percent, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", text, re.M):
        latency[percent] = float(value) * UNITS[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return {"rps": rps, "p50": latency.get("50"), "p99": latency.get("99"), "errors": int(errors.group(1)) if errors else 0}


def read(run, name, default=None):
    path = os.path.join(run, name)
    if not os.path.exists(path):
        return default
    text = open(path).read().strip()
    return json.loads(text) if name.endswith(".json") else float(text)


def ratio_text(ratio, target):
    """A ratio as its target is written: a share ("1.39%") against a target in percent, else "0.19x"."""
    if ratio is None:
        return ""
    if target.endswith("%"):
        return f"{ratio:.2%}"
    return f"{ratio:.2f}x" if ratio >= 0.01 else f"{ratio:.2g}x"


def main(run):
    meta = read(run, "meta.json")
    rows = []  # (measure, broadsheet, anchor, ratio, target, meets)

    anchor = read(run, "import-anchor.json")
    imported = read(run, "import-epaper.json")
    if anchor and imported:
        ours = meta["count"] / imported["seconds"]
        rows.append(("Import, e-paper text (articles/s)", f"{ours:,.0f}", f"{anchor['per_second']:,.0f} (Python bulk insert)",
                     ours / anchor["per_second"], "≥ 1x", ours / anchor["per_second"] >= 1))
    imported_ninjs = read(run, "import-ninjs.json")
    if anchor and imported_ninjs:
        ours = meta["count"] / imported_ninjs["seconds"]
        rows.append(("Import, ninjs JSON lines (articles/s)", f"{ours:,.0f}",
                     f"{anchor['per_second']:,.0f} (Python bulk insert)",
                     ours / anchor["per_second"], "≥ 1x", ours / anchor["per_second"] >= 1))

    for pages in (8, 32):
        ours, theirs = read(run, f"printed-import-{pages}.json"), read(run, f"printed-toolchain-{pages}.json")
        if ours and theirs:
            rate, anchor_rate = pages / ours["seconds"], pages / theirs["seconds"]
            rows.append((f"Printed pages: import, {pages}-page PDF (pages/s)", f"{rate:,.1f}",
                         f"{anchor_rate:,.1f} (pdftotext + vips alone)", rate / anchor_rate, "≥ 0.8x",
                         rate / anchor_rate >= 0.8))
    small, large = read(run, "printed-import-8.json"), read(run, "printed-import-32.json")
    if small and large:
        rows.append(("Printed pages: import peak memory, 8 / 32 pages (MiB)",
                     f"{small['peak_rss_mib']:,.0f} / {large['peak_rss_mib']:,.0f}", "8 pages",
                     large["peak_rss_mib"] / small["peak_rss_mib"], "flat", large["peak_rss_mib"] / small["peak_rss_mib"] <= 1.1))
    ours, theirs = read(run, "printed-import-scan.json"), read(run, "printed-toolchain-scan.json")
    if ours and theirs:
        rows.append(("Printed pages: import of one 6000×9000 scan with its thumbnails and pyramid (s)",
                     f"{ours['seconds']:,.2f}", f"{theirs['seconds']:,.2f} (vips commands alone)",
                     theirs["seconds"] / ours["seconds"], "≥ 0.8x", theirs["seconds"] / ours["seconds"] >= 0.8))
    bare_thumbnail = [wrk(p) for p in sorted(glob.glob(os.path.join(run, "wrk-bare-printed-thumbnail-*.txt")))]
    for name in ("thumbnail", "tile"):
        ours = [wrk(p) for p in sorted(glob.glob(os.path.join(run, f"wrk-broadsheet-printed-{name}-*.txt")))]
        theirs = [wrk(p) for p in sorted(glob.glob(os.path.join(run, f"wrk-nginx-printed-{name}-*.txt")))]
        if ours and theirs:
            rps, anchor_rps = statistics.mean(r["rps"] for r in ours), statistics.mean(r["rps"] for r in theirs)
            rows.append((f"Printed pages: a page {name} (requests/s)", f"{rps:,.0f}",
                         f"{anchor_rps:,.0f} (nginx, same bytes)", rps / anchor_rps, "≥ 0.8x", rps / anchor_rps >= 0.8))
        if ours and bare_thumbnail:
            rps, bare_rps = statistics.mean(r["rps"] for r in ours), statistics.mean(r["rps"] for r in bare_thumbnail)
            rows.append((f"Printed pages: a page {name} against the bare framework (requests/s)", f"{rps:,.0f}",
                         f"{bare_rps:,.0f} (Hummingbird alone, the thumbnail's bytes)", rps / bare_rps, "", None))
    nginx_thumbnail = [wrk(p) for p in sorted(glob.glob(os.path.join(run, "wrk-nginx-printed-thumbnail-*.txt")))]
    if bare_thumbnail and nginx_thumbnail:
        bare_rps = statistics.mean(r["rps"] for r in bare_thumbnail)
        anchor_rps = statistics.mean(r["rps"] for r in nginx_thumbnail)
        rows.append(("Printed pages: the bare framework against nginx (requests/s)", f"{bare_rps:,.0f}",
                     f"{anchor_rps:,.0f} (nginx, the thumbnail's bytes)", bare_rps / anchor_rps, "", None))
    regions, regions_anchor = read(run, "printed-regions.json"), read(run, "printed-regions-anchor.json")
    if regions and regions_anchor:
        for name, label in (("tile", "1024-pixel region at full size"), ("zoomed-out", "2048-pixel region at half size")):
            ours, theirs = regions[name], regions_anchor[name]
            rows.append((f"Printed pages: uncached {label} of a 6000×9000 page, p50 / p99 (ms)",
                         f"{ours['p50_ms']:,.0f} / {ours['p99_ms']:,.0f}",
                         f"{theirs['p50_ms']:,.0f} / {theirs['p99_ms']:,.0f} (vips command)",
                         ours["p99_ms"] / theirs["p99_ms"], "p99 ≤ 100 ms", ours["p99_ms"] <= 100))

    for page in ["article", "edition", "section", "mix"]:
        ours = [wrk(p) for p in sorted(glob.glob(os.path.join(run, f"wrk-broadsheet-{page}-*.txt")))]
        theirs = [wrk(p) for p in sorted(glob.glob(os.path.join(run, f"wrk-nginx-{page}-*.txt")))]
        if not ours or not theirs:
            continue
        rps, anchor_rps = statistics.mean(r["rps"] for r in ours), statistics.mean(r["rps"] for r in theirs)
        label = {"mix": "1,000 random articles"}.get(page, f"{page} page")
        rows.append((f"Pages: {label} (requests/s)", f"{rps:,.0f}", f"{anchor_rps:,.0f} (nginx static)",
                     rps / anchor_rps, "≥ 0.8x", rps / anchor_rps >= 0.8))
        p99, anchor_p99 = statistics.mean(r["p99"] for r in ours), statistics.mean(r["p99"] for r in theirs)
        p50, anchor_p50 = statistics.mean(r["p50"] for r in ours), statistics.mean(r["p50"] for r in theirs)
        rows.append((f"Pages: {label} p50 / p99 latency (ms)", f"{p50:.2f} / {p99:.2f}",
                     f"{anchor_p50:.2f} / {anchor_p99:.2f}", p99 / anchor_p99, "(lower is better)", None))
        bare = [wrk(p) for p in sorted(glob.glob(os.path.join(run, f"wrk-bare-{page}-*.txt")))]
        if bare:
            bare_rps = statistics.mean(r["rps"] for r in bare)
            rows.append((f"Pages: {label} against the bare framework (requests/s)", f"{rps:,.0f}",
                         f"{bare_rps:,.0f} (Hummingbird alone, same bytes)", rps / bare_rps, "", None))
            rows.append(("Pages: the bare framework against nginx (requests/s)", f"{bare_rps:,.0f}",
                         f"{anchor_rps:,.0f} (nginx static)", bare_rps / anchor_rps, "", None))
        fixed = [wrk(p) for p in sorted(glob.glob(os.path.join(run, f"wrk-fixed-{page}-*.txt")))]
        if fixed:
            fixed_rps = statistics.mean(r["rps"] for r in fixed)
            rows.append(("Pages: NIO alone, the response encoded once, against nginx (requests/s)", f"{fixed_rps:,.0f}",
                         f"{anchor_rps:,.0f} (nginx static)", fixed_rps / anchor_rps, "", None))

    for name, label in [("search.json", f"{meta['count']:,}"), ("search-big.json", f"{meta['big']:,}")]:
        search = read(run, name)
        if not search:
            continue
        bare, ours, newest = search["bare"], search["relevance"], search["newest"]
        target = "≤ 0.1x" if name == "search-big.json" else ""
        judged = search.get("judged")
        if judged:
            rows.append((f"Search relevance at {label} articles: planted stories in the first ten (recall)",
                         f"{judged['broadsheet']:.3f}", f"{judged['bare_weighted']:.3f} bare bm25, same weights "
                         f"({judged['bare']:.3f} unweighted)", judged["broadsheet"] / judged["bare_weighted"],
                         "no worse", judged["broadsheet"] >= judged["bare_weighted"]))
        rows.append((f"Search p99 at {label} articles, by relevance (ms)", f"{ours['p99']:.1f} (p50 {ours['p50']:.1f})",
                     f"{bare['p99']:.1f} (p50 {bare['p50']:.1f}) bare FTS5 bm25", ours["p99"] / bare["p99"], target,
                     ours["p99"] / bare["p99"] <= 0.1 if target else None))
        rows.append((f"Search p99 at {label} articles, newest first (ms)", f"{newest['p99']:.1f} (p50 {newest['p50']:.1f})",
                     f"{bare['p99']:.1f} bare FTS5 bm25", newest["p99"] / bare["p99"], "≤ 20 ms" if target else "",
                     newest["p99"] <= 20 if target else None))

    postgres_import = read(run, "import-epaper-postgres.json")
    if anchor and postgres_import:
        ours = meta["count"] / postgres_import["seconds"]
        rows.append(("PostgreSQL: import, e-paper text (articles/s)", f"{ours:,.0f}",
                     f"{anchor['per_second']:,.0f} (Python bulk insert, SQLite)", ours / anchor["per_second"], "≥ 1x",
                     ours / anchor["per_second"] >= 1))
    copy = read(run, "import-copy-postgres.json")
    if postgres_import and copy:
        ours, bare = meta["count"] / postgres_import["seconds"], copy["articles"] / copy["seconds"]
        rows.append(("PostgreSQL: import against its own bare COPY of the same rows (articles/s)", f"{ours:,.0f}",
                     f"{bare:,.0f} (COPY of every row the import wrote, one transaction)", ours / bare, "", None))
    for page in ["article", "mix"]:
        ours = [wrk(p) for p in sorted(glob.glob(os.path.join(run, f"wrk-postgres-{page}-*.txt")))]
        theirs = [wrk(p) for p in sorted(glob.glob(os.path.join(run, f"wrk-nginx-{page}-*.txt")))]
        if ours and theirs:
            rps, anchor_rps = statistics.mean(r["rps"] for r in ours), statistics.mean(r["rps"] for r in theirs)
            label = {"mix": "1,000 random articles"}.get(page, f"{page} page")
            goal = 0.5 if page == "mix" else 0.8  # the mix is mostly first renderings
            rows.append((f"PostgreSQL: pages, {label} (requests/s)", f"{rps:,.0f}", f"{anchor_rps:,.0f} (nginx static)",
                         rps / anchor_rps, f"≥ {goal}x", rps / anchor_rps >= goal))
    for name, size in [("search-postgres.json", meta["count"]), ("search-postgres-big.json", meta["big"])]:
        search = read(run, name)
        if not search:
            continue
        bare, ours, newest = search["bare"], search["relevance"], search["newest"]
        judged = search.get("judged")
        if judged:
            rows.append((f"PostgreSQL: search relevance at {size:,} articles: planted stories in the first ten (recall)",
                         f"{judged['broadsheet']:.3f}", f"{judged['bare_weighted']:.3f} bare ts_rank, same weights "
                         f"({judged['bare']:.3f} default weights)", judged["broadsheet"] / max(judged["bare_weighted"], 1e-9),
                         "no worse", judged["broadsheet"] >= judged["bare_weighted"]))
        rows.append((f"PostgreSQL: search p99 at {size:,} articles, by relevance (ms)",
                     f"{ours['p99']:.1f} (p50 {ours['p50']:.1f})",
                     f"{bare['p99']:.1f} (p50 {bare['p50']:.1f}) bare tsvector ts_rank", ours["p99"] / bare["p99"], "≤ 1x",
                     ours["p99"] <= bare["p99"]))
        rows.append((f"PostgreSQL: search p99 at {size:,} articles, newest first (ms)",
                     f"{newest['p99']:.1f} (p50 {newest['p50']:.1f})", f"{bare['p99']:.1f} bare tsvector ts_rank",
                     newest["p99"] / bare["p99"], "≤ 1x", newest["p99"] <= bare["p99"]))

    startup = read(run, "startup.txt")
    start_rss, after_rss = read(run, "rss-start.txt"), read(run, "rss-after.txt")
    big_start, big_after = read(run, "rss-start-big.txt"), read(run, "rss-after-big.txt")
    if start_rss is not None and after_rss is not None:
        rows.append((f"Server memory at {meta['count']:,} articles: start / after load (MiB)",
                     f"{start_rss:.0f} / {after_rss:.0f}", f"{start_rss:.0f} (at start)", after_rss / start_rss,
                     "flat", None))
    if big_after is not None and after_rss is not None:
        rows.append((f"Server memory after load, {meta['big']:,} vs {meta['count']:,} articles (MiB)",
                     f"{big_after:.0f}", f"{after_rss:.0f}", big_after / after_rss, "≤ 1.1x", big_after / after_rss <= 1.1))
    big_import = read(run, "import-epaper-big.json")
    if big_import and imported:
        rows.append((f"Import peak memory, {meta['big']:,} vs {meta['count']:,} articles (MiB)",
                     f"{big_import['peak_rss_mib']:.0f}", f"{imported['peak_rss_mib']:.0f}",
                     big_import["peak_rss_mib"] / imported["peak_rss_mib"], "≈ 1x (flat)",
                     big_import["peak_rss_mib"] / imported["peak_rss_mib"] < 1.5))
    elif imported:
        rows.append((f"Import peak memory at {meta['count']:,} articles (MiB)", f"{imported['peak_rss_mib']:.0f}",
                     "—", None, "flat", None))
    big_startup = read(run, "startup-big.txt")
    if startup is not None:
        rows.append((f"Start-up to first answered request at {meta['count']:,} articles (s)", f"{startup:.2f}", "—", None, "", None))
    if big_startup is not None:
        rows.append((f"Start-up at {meta['big']:,} vs {meta['count']:,} articles (s)", f"{big_startup:.2f}",
                     f"{startup:.2f}", big_startup / startup, "", None))

    static = read(run, "static.json")
    if static:
        hugo, export, again = static["hugo"], static["export"], static["incremental"]
        ours, theirs = export["pages"] / export["seconds"], hugo["pages"] / hugo["seconds"]
        size = f"{static['count']:,} articles"
        rows.append((f"Static export, {size} (HTML pages/s; pages written)", f"{ours:,.0f} ({export['pages']:,})",
                     f"{theirs:,.0f} ({hugo['pages']:,}, Hugo)", ours / theirs, "≥ 2x", ours / theirs >= 2))
        ratio = export["peak_rss_mib"] / hugo["peak_rss_mib"]
        rows.append((f"Static export, {size}: peak memory (MiB)", f"{export['peak_rss_mib']:.0f}",
                     f"{hugo['peak_rss_mib']:.0f} (Hugo)", ratio, "≤ 0.1x", ratio <= 0.1))
        ratio = again["seconds"] / export["seconds"]
        runs = again.get("runs", [])
        measure = (f"Static export after 100 changed articles, median of {len(runs)} rounds (s)" if runs
                   else "Static export after 100 changed articles (s)")
        shown = f"{again['seconds']:.2f}" + (f" ({', '.join(f'{run:.2f}' for run in runs)})" if runs else "")
        rows.append((measure, shown, f"{export['seconds']:.2f} (our full export)", ratio, "< 1%", ratio < 0.01))
        new = static.get("new_stories")
        if new:
            rows.append((f"Static export after {new['count']} new stories (s)", f"{new['seconds']:.2f}",
                         f"{export['seconds']:.2f} (our full export)", new["seconds"] / export["seconds"], "", None))

    peer = read(run, "wordpress.json")
    if peer:
        ours, theirs = peer["import"]["broadsheet"], peer["import"]["wordpress"]
        rate, peer_rate = peer["count"] / ours["seconds"], peer["count"] / theirs["seconds"]
        rows.append((f"WordPress peer: import, {peer['count']:,} articles (articles/s)",
                     f"{rate:,.0f} (peak {ours['peak_rss_mib']:,.0f} MiB)",
                     f"{peer_rate:,.1f} (WordPress from WXR, peak {theirs['peak_rss_mib']:,.0f} MiB)", rate / peer_rate, "", None))
        ours = [wrk(p) for p in sorted(glob.glob(os.path.join(run, "wrk-peer-broadsheet-*.txt")))]
        theirs = [wrk(p) for p in sorted(glob.glob(os.path.join(run, "wrk-peer-wordpress-*.txt")))]
        if ours and theirs:
            rps, peer_rps = statistics.mean(r["rps"] for r in ours), statistics.mean(r["rps"] for r in theirs)
            rows.append(("WordPress peer: article page (requests/s)", f"{rps:,.0f}", f"{peer_rps:,.1f} (WordPress)",
                         rps / peer_rps, "", None))
            p99, peer_p99 = statistics.mean(r["p99"] for r in ours), statistics.mean(r["p99"] for r in theirs)
            p50, peer_p50 = statistics.mean(r["p50"] for r in ours), statistics.mean(r["p50"] for r in theirs)
            rows.append(("WordPress peer: article page p50 / p99 latency (ms)", f"{p50:.2f} / {p99:.2f}",
                         f"{peer_p50:,.0f} / {peer_p99:,.0f}", p99 / peer_p99, "(lower is better)", None))

    lines = [
        f"Command: `{meta['command']}` · {meta['date']} · commit {meta['commit']} · {meta['cores']} cores, "
        f"{meta['memory_gib']} GiB · {meta['count'] or meta['big']:,} articles · wrk {meta['connections']} connections, "
        f"{meta['duration']} s a run, two runs averaged",
        "",
        "| measure | Broadsheet | anchor | ratio | target | met |",
        "|---|---|---|---|---|---|",
    ]
    for measure, ours, theirs, ratio, target, meets in rows:
        mark = "" if meets is None else ("yes" if meets else "**no**")
        lines.append(f"| {measure} | {ours} | {theirs} | {ratio_text(ratio, target)} | {target} | {mark} |")
    if peer:
        setup = peer["setup"]
        lines += ["", f"WordPress peer: WordPress {setup['wordpress'][0]} (Debian's package, theme {setup['wordpress'][1]}, "
                  f"permalinks {setup['permalinks']}) on PHP {setup['php']} with PHP-FPM ({setup['php_fpm_workers']} "
                  f"workers, a static pool) behind nginx, MariaDB {setup['mariadb']} with its defaults; no page-cache "
                  f"plugin, opcache on. Imported by {setup['importer']}; {peer['imported']}."]
    report = "\n".join(lines) + "\n"
    open(os.path.join(run, "report.md"), "w").write(report)
    open(os.path.join(run, "chart.svg"), "w").write(chart([r for r in rows if r[5] is not None]))
    print(report)


def chart(rows):
    """One pair of bars per measure: the anchor at 1.0, Broadsheet at its ratio; the target as a tick."""
    width, bar, gap, left = 760, 14, 18, 290
    scale = (width - left - 40) / max([2.0] + [r[3] for r in rows])
    height = 40 + len(rows) * (2 * bar + gap) + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
             '<rect width="100%" height="100%" fill="#fff"/>',
             '<text x="10" y="20" font-weight="bold">Broadsheet against its anchors (ratio; anchor = 1.0)</text>',
             '<rect x="500" y="8" width="12" height="12" fill="#8a1c1c"/><text x="516" y="18">Broadsheet</text>',
             '<rect x="600" y="8" width="12" height="12" fill="#9aa0a6"/><text x="616" y="18">anchor</text>']
    y = 40
    for measure, _, _, ratio, target, meets in rows:
        label = measure.split(" (")[0].split(": planted")[0]
        parts.append(f'<text x="10" y="{y + bar + 4}">{escape(label)}</text>')
        parts.append(f'<rect x="{left}" y="{y}" width="{ratio * scale:.1f}" height="{bar}" fill="#8a1c1c"/>')
        parts.append(f'<text x="{left + ratio * scale + 4:.1f}" y="{y + bar - 3}">{ratio:.2f}x{"" if meets else " (target missed)"}</text>')
        parts.append(f'<rect x="{left}" y="{y + bar}" width="{scale:.1f}" height="{bar}" fill="#9aa0a6"/>')
        goal = re.search(r"([\d.]+)x", target)
        if goal:
            x = left + float(goal.group(1)) * scale
            parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y - 3}" y2="{y + 2 * bar + 3}" stroke="#000" stroke-dasharray="3,2"/>')
        y += 2 * bar + gap
    parts.append(f'<text x="10" y="{height - 10}" fill="#555">Dashed line: the target.</text></svg>')
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    main(sys.argv[1])
