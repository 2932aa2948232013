#!/usr/bin/env python3
"""Search latency: 200 fixed queries through Broadsheet's API against the bare FTS5 query each
one needs, run with Python's sqlite3 on the same database file.

    search_bench.py --base http://127.0.0.1:PORT --db broadsheet.sqlite --out search.json

The queries come from the corpus's own vocabulary (seeded): single words across the frequency
range, pairs of words, phrases, prefixes, and words with a section filter. The anchor is the
textbook query: every match scored with bm25, best 20 kept. Broadsheet is timed end to end over
HTTP (each query once, so its page cache never answers), the anchor inside the process.
"""
import argparse
import json
import random
import sqlite3
import statistics
import time
import urllib.parse
import urllib.request

from corpus import COMMON, SECTIONS, Corpus, slug


def queries(seed, count):
    rng = random.Random(seed)
    words = Corpus(42, 1).words[:5000]
    made = []  # (user text, FTS5 match, section slug or None)
    def word():
        return words[min(int(rng.paretovariate(0.8)) - 1, len(words) - 1)] if rng.random() < 0.6 else rng.choice(words)
    for index in range(count):
        kind = index % 10
        if kind < 4:
            w = word()
            made.append((w, f'"{w}"', None))
        elif kind < 6:
            a, b = word(), word()
            made.append((f"{a} {b}", f'"{a}" AND "{b}"', None))
        elif kind < 7:
            a, b = rng.choice(COMMON[:200]), rng.choice(COMMON[:200])
            made.append((f'"{a} {b}"', f'"{a} {b}"', None))
        elif kind < 9:
            w = rng.choice(words[:2000])
            stem = w[: max(3, len(w) - 2)]
            made.append((stem + "*", f'"{stem}" *', None))
        else:
            w = word()
            section = rng.choice(SECTIONS)
            made.append((w, f'"{w}"', slug(section)))
    return made


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def summary(times):
    return {"p50": percentile(times, 0.5) * 1000, "p99": percentile(times, 0.99) * 1000,
            "mean": statistics.mean(times) * 1000}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--count", type=int, default=200)
    options = parser.parse_args()
    made = queries(options.seed, options.count)

    def ours(sort):
        times = []
        for text, _, section in made:
            parameters = {"q": text, "limit": "20", "sort": sort}
            if section:
                parameters["section"] = section
            url = options.base + "/api/v1/search?" + urllib.parse.urlencode(parameters)
            started = time.perf_counter()
            urllib.request.urlopen(url).read()
            times.append(time.perf_counter() - started)
        return times

    db = sqlite3.connect(options.db)
    def bare():
        times = []
        for _, match, section in made:
            started = time.perf_counter()
            if section:
                db.execute(
                    "SELECT articles_fts.rowid, bm25(articles_fts) AS score FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                    "WHERE articles_fts MATCH ? AND a.section_id = (SELECT id FROM sections WHERE slug = ?) ORDER BY score LIMIT 20",
                    (match, section)).fetchall()
            else:
                db.execute("SELECT rowid, bm25(articles_fts) AS score FROM articles_fts WHERE articles_fts MATCH ? "
                           "ORDER BY score LIMIT 20", (match,)).fetchall()
            times.append(time.perf_counter() - started)
        return times

    # A first pass warms the operating system's file cache for both alike; its times are dropped.
    # Broadsheet's own page cache would then answer the repeated URLs, so the timed pass asks
    # for 20 results where the warm-up asked for 19.
    bare()
    for text, _, section in made:
        parameters = {"q": text, "limit": "19"}
        if section:
            parameters["section"] = section
        urllib.request.urlopen(options.base + "/api/v1/search?" + urllib.parse.urlencode(parameters)).read()
    result = {"queries": len(made), "bare": summary(bare()), "relevance": summary(ours("relevance")),
              "newest": summary(ours("newest"))}
    json.dump(result, open(options.out, "w"))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
