#!/usr/bin/env python3
"""The benchmark's articles as a Hugo site, for the static export's anchor, the changed copies
of some of them for the incremental run, and a day's new stories for the run after them.

The site is Markdown content with JSON front matter and a minimal theme of our own that makes the
pages Broadsheet's export makes: one page an article, the redirect from its short address
(`/news/ID/`, a Hugo alias), and the newest-first listings of the paper, each section, topic and
author, 20 stories a page. So both write about as many HTML files.

    hugo_site.py --ninjs ARTICLES.jsonl --site DIR
    hugo_site.py --ninjs ARTICLES.jsonl --change 100 --out CHANGED.jsonl
    hugo_site.py --ninjs ARTICLES.jsonl --add 50 --out NEW.jsonl
"""
import argparse
import datetime
import json
import os

CONFIG = """baseURL = "https://bench.example/"
title = "The Benchmark Herald"
paginate = 20
[taxonomies]
  section = "sections"
  topic = "topics"
  author = "authors"
"""

HEAD = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>
<header><a href="/">The Benchmark Herald</a></header>
"""

LAYOUTS = {
    "_default/single.html": HEAD + """<article><h1>{{ .Title }}</h1>
<p>{{ range .Params.authors }}{{ . }} {{ end }}&middot; {{ .Date.Format "2 January 2006" }}</p>
{{ with .Params.summary }}<p><strong>{{ . }}</strong></p>{{ end }}
{{ .Content }}
<p>{{ range .Params.topics }}<a href="{{ "topics/" | relURL }}{{ . | urlize }}/">{{ . }}</a> {{ end }}</p>
</article></body></html>
""",
    "_default/list.html": HEAD + """<h1>{{ .Title }}</h1>{{ $pages := .Paginate .Pages }}
<ul>{{ range $pages.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2 Jan 2006" }}</li>{{ end }}</ul>
{{ if $pages.HasPrev }}<a href="{{ $pages.Prev.URL }}">Newer</a>{{ end }}
{{ if $pages.HasNext }}<a href="{{ $pages.Next.URL }}">Older</a>{{ end }}
</body></html>
""",
    "_default/terms.html": HEAD + """<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>
</body></html>
""",
}


def front_matter(document, number):
    subjects = [subject["name"] for subject in document.get("subjects", [])]
    return {
        "title": document["headlines"][0]["value"],
        "date": document["firstcreated"],
        "summary": next((d["value"] for d in document.get("descriptions", [])), ""),
        "sections": subjects[:1],
        "topics": subjects[1:],
        "authors": [document["by"]] if document.get("by") else [],
        # Broadsheet's addresses: the story under its id (numbered in import order, from 1), and
        # the short address a redirect.
        "url": f"/news/{number + 1}/story/",
        "aliases": [f"/news/{number + 1}/"],
    }


def write_site(articles, site):
    os.makedirs(os.path.join(site, "content", "news"), exist_ok=True)
    with open(os.path.join(site, "config.toml"), "w") as out:
        out.write(CONFIG)
    for name, text in LAYOUTS.items():
        os.makedirs(os.path.dirname(os.path.join(site, "layouts", name)), exist_ok=True)
        with open(os.path.join(site, "layouts", name), "w") as out:
            out.write(text)
    count = 0
    with open(articles, encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            document = json.loads(line)
            body = document["bodies"][0]["value"]
            with open(os.path.join(site, "content", "news", f"{number}.md"), "w", encoding="utf-8") as out:
                out.write(json.dumps(front_matter(document, number), ensure_ascii=False) + "\n\n" + body + "\n")
            count += 1
    return count


def write_changed(articles, count, out_path, round_number=0):
    """`count` articles spread over the archive, each with a sentence added to its body; each round
    changes other articles (the next one along) with another sentence."""
    with open(articles, encoding="utf-8") as lines:
        documents = [line for line in lines]
    step = max(1, len(documents) // count)
    with open(out_path, "w", encoding="utf-8") as out:
        for line in documents[round_number % step::step][:count]:
            document = json.loads(line)
            document["bodies"][0]["value"] += f"\n\nThis story was updated with correction {round_number + 1} from the desk."
            document["version"] = str(2 + round_number)
            out.write(json.dumps(document, ensure_ascii=False) + "\n")


def write_new(articles, count, out_path):
    """`count` new stories published on the day after the archive's newest, each made from an
    article spread over the archive: its section, topics, byline and body, under an address of its
    own, with the first half of its headline and words of its own after it. Like a day's news, they
    join listings and other stories' related boxes."""
    with open(articles, encoding="utf-8") as lines:
        documents = [json.loads(line) for line in lines]
    newest = max(datetime.datetime.fromisoformat(d["firstcreated"].replace("Z", "+00:00")) for d in documents)
    day = (newest + datetime.timedelta(days=1)).replace(hour=5, minute=0, second=0)
    step = max(1, len(documents) // count)
    with open(out_path, "w", encoding="utf-8") as out:
        for number, document in enumerate(documents[step // 2::step][:count]):
            words = document["headlines"][0]["value"].split()
            document["headlines"][0]["value"] = " ".join(words[:max(2, len(words) // 2)]) + f" on day edition {number}"
            document["uri"] = f"https://bench.example/{day.date().isoformat()}/new-story-{number}"
            stamp = (day + datetime.timedelta(minutes=15 * number)).strftime("%Y-%m-%dT%H:%M:%SZ")
            document["firstcreated"] = document["versioncreated"] = stamp
            document["version"] = "1"
            out.write(json.dumps(document, ensure_ascii=False) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ninjs", required=True)
    parser.add_argument("--site")
    parser.add_argument("--change", type=int)
    parser.add_argument("--round", type=int, default=0, help="which round of changes (other articles each)")
    parser.add_argument("--add", type=int, help="how many new stories to write")
    parser.add_argument("--out")
    options = parser.parse_args()
    if options.site:
        write_site(options.ninjs, options.site)
    if options.change:
        write_changed(options.ninjs, options.change, options.out, options.round)
    if options.add:
        write_new(options.ninjs, options.add, options.out)


if __name__ == "__main__":
    main()
