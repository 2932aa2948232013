#!/usr/bin/env python3
"""Fetches the pages the load runs request, once, from a running Broadsheet, and saves them as
static files for nginx: the anchor serves exactly the bytes Broadsheet made.

    snapshot.py --base http://127.0.0.1:PORT --root STATIC_DIR --count 10000 --mix 1000 --out PAGES.json
Writes PAGES.json ({"article", "edition", "section": path}) and, beside it, mix.txt (one path a line).
"""
import argparse
import json
import os
import random
import urllib.parse
import urllib.request


def fetch(base, path):
    with urllib.request.urlopen(base + path) as response:
        return response.geturl(), response.read()


def save(root, path, body):
    local = os.path.join(root, urllib.parse.unquote(path).lstrip("/"))
    os.makedirs(os.path.dirname(local), exist_ok=True)
    with open(local, "wb") as out:
        out.write(body)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--mix", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", required=True)
    options = parser.parse_args()
    base = options.base

    latest = json.load(urllib.request.urlopen(base + "/api/v1/editions"))["items"][0]["date"]
    article = json.load(urllib.request.urlopen(base + "/api/v1/articles?section=national&limit=1"))["items"][0]
    pages = {
        "article": urllib.parse.urlsplit(article["url"]).path,
        "edition": f"/epaper/{latest}",
        "section": "/sections/national",
    }
    for path in pages.values():
        save(options.root, path, fetch(base, path)[1])
    rng = random.Random(options.seed)
    mix = []
    for article_id in rng.sample(range(1, options.count + 1), min(options.mix, options.count)):
        url, body = fetch(base, f"/news/{article_id}")
        path = urllib.parse.urlsplit(url).path
        save(options.root, path, body)
        mix.append(path)
    with open(options.out, "w") as out:
        json.dump(pages, out)
    with open(os.path.join(os.path.dirname(options.out), "mix.txt"), "w") as out:
        out.write("\n".join(mix) + "\n")


if __name__ == "__main__":
    main()
