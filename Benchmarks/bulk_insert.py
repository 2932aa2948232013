#!/usr/bin/env python3
"""The import anchor: a plain bulk insert of the corpus's rows into Broadsheet's own schema.

It regenerates the same articles as corpus.py (same seed, same count) and inserts, with the
standard sqlite3 module, the rows Broadsheet's import writes for each: the article, its first
revision (whose copy is the article's own, so NULL), its search-index and headline-index entries,
the written words no article before it used (the vocabulary prefix search reads), and its
section, topic, author and edition links. No
parsing, no checks, one transaction per batch of 1,000: the fastest simple program a paper might
write. Which words are new to the vocabulary is worked out before the clock starts.

    bulk_insert.py --seed 42 --count 10000 --db anchor.sqlite   (the schema must exist: broadsheet db migrate)
"""
import argparse
import datetime
import json
import re
import sqlite3
import sys
import time

from corpus import AGENCIES, PUBLICATION, TIME_ZONE_OFFSET, Corpus, slug


def seconds(moment):
    """Unix seconds of a time printed in the publication's zone."""
    return int((moment - TIME_ZONE_OFFSET).replace(tzinfo=datetime.timezone.utc).timestamp())


WORD = re.compile(r"[^\W_]+")


def vocabulary(articles):
    """For each article, the lowercase written words of its headline, summary and body that no
    article before it used: the rows it adds to `search_words`."""
    seen = set()
    new = []
    for article in articles:
        text = " ".join([article["headline"], article["summary"] or ""] + article["paragraphs"])
        words = {word.lower() for word in WORD.findall(text)} - seen
        seen |= words
        new.append(sorted(words))
    return new


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--batch", type=int, default=1000)
    options = parser.parse_args()

    articles = [a for _, day in Corpus(options.seed, options.count).days() for a in day]  # generation is not timed
    new_words = vocabulary(articles)
    db = sqlite3.connect(options.db, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    ids = {"sections": {}, "topics": {}, "authors": {}, "editions": {}}

    def term(table, name, kind=None):
        key = slug(name) or name
        if key not in ids[table]:
            if table == "authors":
                cursor = db.execute("INSERT INTO authors (name, slug, kind) VALUES (?, ?, ?)", (name, key, kind))
            else:
                cursor = db.execute(f"INSERT INTO {table} (name, slug) VALUES (?, ?)", (name, key))
            ids[table][key] = cursor.lastrowid
        return ids[table][key]

    started = time.perf_counter()
    for start in range(0, len(articles), options.batch):
        db.execute("BEGIN")
        for article, words in zip(articles[start:start + options.batch], new_words[start:start + options.batch]):
            day = article["date"].isoformat()
            if day not in ids["editions"]:
                ids["editions"][day] = db.execute(
                    "INSERT INTO editions (publication, date, region) VALUES (?, ?, '')", (PUBLICATION, day)).lastrowid
            published = seconds(article["published"])
            updated = seconds(article["updated"]) if article["updated"] else None
            content = json.dumps(article, default=str, sort_keys=True, ensure_ascii=False)
            body = "\n\n".join(article["paragraphs"])
            article_id = db.execute(
                """INSERT INTO articles (source_uri, source_format, slug, status, revision, headline, summary, byline,
                   dateline, language, section_id, edition_id, page_id, supplement, published_at, published_precision,
                   updated_at, updated_precision, version_at, content, created_at, modified_at)
                   VALUES (?, 'epaper', ?, 'published', 1, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, 'minute', ?, ?, ?, ?, ?, ?)""",
                (f"epaper:bench/{day}/{slug(article['headline'])}", slug(article["headline"]), article["headline"],
                 article["summary"], article["byline"], article["dateline"], article["language"],
                 term("sections", article["section"]), ids["editions"][day], published, updated,
                 "minute" if updated else None, updated or published, content, published, published)).lastrowid
            db.execute("INSERT INTO revisions (article_id, number, content, created_at) VALUES (?, 1, NULL, ?)",
                       (article_id, published))
            db.execute("INSERT INTO articles_fts (rowid, headline, summary, body) VALUES (?, ?, ?, ?)",
                       (article_id, article["headline"], article["summary"] or "", body))
            db.execute("INSERT INTO headlines_fts (rowid, headline) VALUES (?, ?)", (article_id, article["headline"]))
            db.executemany("INSERT INTO search_words (word, seen) VALUES (?, ?)", ((word, article_id) for word in words))
            for position, topic in enumerate(article["topics"]):
                db.execute("INSERT INTO article_topics (article_id, topic_id, position) VALUES (?, ?, ?)",
                           (article_id, term("topics", topic), position))
            for position, name in enumerate(dict.fromkeys(part.strip() for part in article["byline"].split("|"))):
                kind = "agency" if name in AGENCIES else "staff" if "Staff" in name or "Correspondent" in name else "person"
                db.execute("INSERT INTO article_authors (article_id, author_id, position) VALUES (?, ?, ?)",
                           (article_id, term("authors", name, kind), position))
        db.execute("COMMIT")
    elapsed = time.perf_counter() - started
    db.close()
    print(json.dumps({"articles": len(articles), "seconds": elapsed, "per_second": len(articles) / elapsed}))


if __name__ == "__main__":
    sys.exit(main())
