#!/usr/bin/env python3
"""Search latency: 200 fixed queries through Broadsheet's API against the bare FTS5 query each
one needs, run with Python's sqlite3 on the same database file.

    search_bench.py --base http://127.0.0.1:PORT --db broadsheet.sqlite --out search.json

The queries come from the corpus's own vocabulary (seeded): single words across the frequency
range, pairs of words, phrases, prefixes, and words with a section filter. The anchor is the
textbook query: every match scored with bm25, best 20 kept. Broadsheet is timed end to end over
HTTP (each query once, so its page cache never answers), the anchor inside the process.

Relevance is judged on the planted stories of judged.py: for each subject's query, how many of
its six stories are in the first ten results, from Broadsheet's API and from the bare query that
scores every match (with Broadsheet's column weights, and without): bm25 on SQLite, ts_rank on
PostgreSQL.
"""
import argparse
import json
import random
import sqlite3
import statistics
import time
import urllib.parse
import urllib.request

import judged
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


def tsquery(text):
    """The bare PostgreSQL query for one of the made queries: the reader's words as
    websearch_to_tsquery reads them, a prefix as `stem:*`."""
    if text.endswith("*"):
        return "to_tsquery('english', %s)", text[:-1] + ":*"
    return "websearch_to_tsquery('english', %s)", text


def postgres_anchor(url, made):
    """The anchor on PostgreSQL: every match ranked with ts_rank over the store's weighted
    tsvector column and its GIN index, best 20 kept."""
    import psycopg2
    db = psycopg2.connect(url)
    db.autocommit = True
    cursor = db.cursor()
    def bare():
        times = []
        for text, _, section in made:
            function, value = tsquery(text)
            started = time.perf_counter()
            if section:
                cursor.execute(
                    f"SELECT a.id, ts_rank(a.search, q) AS score FROM articles a, {function} q "
                    "WHERE a.search @@ q AND a.section_id = (SELECT id FROM sections WHERE slug = %s) "
                    "ORDER BY score DESC LIMIT 20", (value, section))
            else:
                cursor.execute(
                    f"SELECT a.id, ts_rank(a.search, q) AS score FROM articles a, {function} q "
                    "WHERE a.search @@ q ORDER BY score DESC LIMIT 20", (value,))
            cursor.fetchall()
            times.append(time.perf_counter() - started)
        return times
    return bare


def sqlite_anchor(db, made):
    """The anchor on SQLite: every match scored with bm25, best 20 kept."""
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
    return bare


def judge(base, bare_rankings):
    """Mean recall at ten of the planted stories, for Broadsheet and for each bare ranking
    (a function from the subject's query to the headlines of its first ten)."""
    found = {"broadsheet": []} | {name: [] for name in bare_rankings}
    for number, (query, _, _) in enumerate(judged.SUBJECTS):
        wanted = {judged.headline(number, story) for story in range(len(judged.PLACES))}
        url = base + "/api/v1/search?" + urllib.parse.urlencode({"q": query, "limit": "10"})
        items = json.load(urllib.request.urlopen(url))["items"]
        found["broadsheet"].append(len(wanted & {item["headline"] for item in items}))
        for name, ranking in bare_rankings.items():
            found[name].append(len(wanted & set(ranking(query))))
    def per_query(name):
        return {query: found[name][number] for number, (query, _, _) in enumerate(judged.SUBJECTS)}
    return {name: round(sum(counts) / (len(counts) * len(judged.PLACES)), 3) for name, counts in found.items()} | {
        "queries": len(judged.SUBJECTS), "per_query": per_query("broadsheet"),
        "per_query_bare_weighted": per_query("bare_weighted")}


def sqlite_rankings(db):
    """bm25 over every match, with Broadsheet's column weights (10, 4, 1) and without."""
    def ranking(weights):
        def first_ten(query):
            match = " AND ".join(f'"{word}"' for word in query.split())
            return [row[0] for row in db.execute(
                f"SELECT a.headline FROM (SELECT rowid, bm25(articles_fts{weights}) AS score FROM articles_fts "
                "WHERE articles_fts MATCH ? ORDER BY score LIMIT 10) f JOIN articles a ON a.id = f.rowid",
                (match,)).fetchall()]
        return first_ten
    return {"bare_weighted": ranking(", 10.0, 4.0, 1.0"), "bare": ranking("")}


def postgres_rankings(url):
    """ts_rank over every match, with Broadsheet's weights (headline 1.0, summary 0.4, body 0.1,
    length normalised as the store does) and with PostgreSQL's defaults."""
    import psycopg2
    db = psycopg2.connect(url)
    db.autocommit = True
    cursor = db.cursor()
    def ranking(rank):
        def first_ten(query):
            cursor.execute(
                f"SELECT a.headline FROM articles a, websearch_to_tsquery('english', %s) q "
                f"WHERE a.search @@ q ORDER BY {rank} DESC LIMIT 10", (query,))
            return [row[0] for row in cursor.fetchall()]
        return first_ten
    return {"bare_weighted": ranking("ts_rank('{0.1, 0.1, 0.4, 1.0}', a.search, q, 1)"),
            "bare": ranking("ts_rank(a.search, q)")}


def slowest(times, made):
    """The eight slowest queries of a pass, in milliseconds."""
    return sorted(((round(t * 1000, 1), text) for t, (text, _, _) in zip(times, made)), reverse=True)[:8]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--db", help="the SQLite file, for the bare FTS5 anchor")
    parser.add_argument("--postgres", help="a PostgreSQL URL, for the bare tsvector anchor instead")
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

    db = None if options.postgres else sqlite3.connect(options.db)
    bare = postgres_anchor(options.postgres, made) if options.postgres else sqlite_anchor(db, made)

    # A first pass warms the operating system's file cache for both alike; its times are dropped.
    # Broadsheet's own page cache would then answer the repeated URLs, so the timed pass asks
    # for 20 results where the warm-up asked for 19.
    bare()
    for text, _, section in made:
        parameters = {"q": text, "limit": "19"}
        if section:
            parameters["section"] = section
        urllib.request.urlopen(options.base + "/api/v1/search?" + urllib.parse.urlencode(parameters)).read()
    relevance_times, newest_times = ours("relevance"), ours("newest")
    result = {"queries": len(made), "bare": summary(bare()), "relevance": summary(relevance_times),
              "newest": summary(newest_times),
              "slowest": slowest(relevance_times, made), "slowest_newest": slowest(newest_times, made)}
    result["judged"] = judge(options.base, postgres_rankings(options.postgres) if options.postgres
                             else sqlite_rankings(db))
    json.dump(result, open(options.out, "w"))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
