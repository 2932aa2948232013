#!/usr/bin/env python3
"""Writes the benchmark corpus (corpus.py) as a WXR file, WordPress's own export format, so that
WordPress imports the very articles Broadsheet imports: the same seed and count give the same
headlines, text, dates, bylines, sections and topics.

    wxr.py --seed 42 --count 10000 --out ARTICLES.xml

Each article becomes a published post: its headline the title, its summary the excerpt, its
paragraphs the content (the dateline leading the first, as in the e-paper text), its edition-day
publication time the date (Asia/Karachi, and the same moment in UTC), its section a category,
its topics tags, and its byline an author of its own.
"""
import argparse
import datetime as dt
import email.utils
import os
import re
import sys
import tempfile

import corpus

SITE = "https://bench.example/"
NAMESPACES = {
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": "http://wordpress.org/export/1.2/",
}


def cdata(text):
    # "]]>" cannot sit inside a CDATA section: close it and open another, as WordPress's exporter does.
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def login(byline):
    """A user login for a byline: lower-case letters, digits and hyphens, as sanitize_user keeps."""
    return re.sub(r"[^a-z0-9]+", "-", byline.lower()).strip("-")


def local(moment):
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def item(number, article):
    paragraphs = list(article["paragraphs"])
    if article["dateline"]:
        paragraphs[0] = f"{article['dateline']}: {paragraphs[0]}"
    published = article["published"]
    published_utc = published - corpus.TIME_ZONE_OFFSET
    terms = [f'<category domain="category" nicename="{corpus.slug(article["section"])}">{cdata(article["section"])}</category>']
    terms += [f'<category domain="post_tag" nicename="{corpus.slug(topic)}">{cdata(topic)}</category>'
              for topic in article["topics"]]
    return "\n".join([
        "<item>",
        f"<title>{cdata(article['headline'])}</title>",
        f"<link>{SITE}?p={number}</link>",
        f"<pubDate>{email.utils.format_datetime(published_utc.replace(tzinfo=dt.timezone.utc))}</pubDate>",
        f"<dc:creator>{cdata(login(article['byline']))}</dc:creator>",
        f'<guid isPermaLink="false">{SITE}?p={number}</guid>',
        "<description></description>",
        f"<content:encoded>{cdata(chr(10).join(p + chr(10) for p in paragraphs))}</content:encoded>",
        f"<excerpt:encoded>{cdata(article['summary'] or '')}</excerpt:encoded>",
        f"<wp:post_id>{number}</wp:post_id>",
        f"<wp:post_date>{cdata(local(published))}</wp:post_date>",
        f"<wp:post_date_gmt>{cdata(local(published_utc))}</wp:post_date_gmt>",
        "<wp:comment_status>closed</wp:comment_status>",
        "<wp:ping_status>closed</wp:ping_status>",
        f"<wp:post_name>{cdata(corpus.slug(article['headline']))}</wp:post_name>",
        "<wp:status>publish</wp:status>",
        "<wp:post_parent>0</wp:post_parent>",
        "<wp:menu_order>0</wp:menu_order>",
        "<wp:post_type>post</wp:post_type>",
        "<wp:post_password></wp:post_password>",
        "<wp:is_sticky>0</wp:is_sticky>",
        *terms,
        "</item>",
    ]) + "\n"


def head(bylines):
    declarations = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())
    lines = ['<?xml version="1.0" encoding="UTF-8" ?>', f'<rss version="2.0" {declarations}>', "<channel>",
             f"<title>{cdata(corpus.PUBLICATION)}</title>", f"<link>{SITE}</link>", "<description></description>",
             "<language>en</language>", "<wp:wxr_version>1.2</wp:wxr_version>",
             f"<wp:base_site_url>{SITE}</wp:base_site_url>", f"<wp:base_blog_url>{SITE}</wp:base_blog_url>"]
    for number, byline in enumerate(sorted(bylines), start=2):
        name = login(byline)
        lines.append(f"<wp:author><wp:author_id>{number}</wp:author_id><wp:author_login>{cdata(name)}</wp:author_login>"
                     f"<wp:author_email>{cdata(name + '@bench.example')}</wp:author_email>"
                     f"<wp:author_display_name>{cdata(byline)}</wp:author_display_name>"
                     "<wp:author_first_name></wp:author_first_name><wp:author_last_name></wp:author_last_name></wp:author>")
    for number, section in enumerate(corpus.SECTIONS, start=1):
        lines.append(f"<wp:category><wp:term_id>{number}</wp:term_id><wp:category_nicename>{cdata(corpus.slug(section))}"
                     f"</wp:category_nicename><wp:category_parent></wp:category_parent>"
                     f"<wp:cat_name>{cdata(section)}</wp:cat_name></wp:category>")
    for number, topic in enumerate(corpus.TOPICS, start=len(corpus.SECTIONS) + 1):
        lines.append(f"<wp:tag><wp:term_id>{number}</wp:term_id><wp:tag_slug>{cdata(corpus.slug(topic))}</wp:tag_slug>"
                     f"<wp:tag_name>{cdata(topic)}</wp:tag_name></wp:tag>")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--out", required=True)
    options = parser.parse_args()
    bylines = set()
    number = 0
    # The authors head the file but are known only once every article is made: items go to a
    # scratch file first, and the head is written before them.
    with tempfile.TemporaryFile("w+", encoding="utf-8", dir=os.path.dirname(os.path.abspath(options.out))) as items:
        for _, articles in corpus.Corpus(options.seed, options.count).days():
            for article in articles:
                number += 1
                bylines.add(article["byline"])
                items.write(item(number, article))
        items.seek(0)
        with open(options.out, "w", encoding="utf-8") as out:
            out.write(head(bylines))
            while chunk := items.read(1 << 20):
                out.write(chunk)
            out.write("</channel>\n</rss>\n")
    print(f"wrote {number} articles by {len(bylines)} authors", file=sys.stderr)


if __name__ == "__main__":
    main()
