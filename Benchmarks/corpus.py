#!/usr/bin/env python3
"""A deterministic corpus of synthetic newspaper articles for Broadsheet's benchmark.

The same seed and count always give the same articles, in the same order. Articles are produced
one edition day at a time, so a million of them never sit in memory. Text follows a Zipf-like
word distribution over a vocabulary of common English words and a long tail of invented ones, so
that full-text search meets the mix of frequent and rare terms it meets on real copy. Among them
sit the judged set's planted stories (judged.py), so that ranking can be judged for relevance.

    corpus.py --seed 42 --count 10000 --epaper OUT_DIR [--ninjs OUT.jsonl]
"""
import argparse
import datetime as dt
import itertools
import json
import os
import random
import re
import sys

import judged

PUBLICATION = "The Benchmark Herald"
TIME_ZONE_OFFSET = dt.timedelta(hours=5)  # Asia/Karachi, which keeps no daylight saving
SECTIONS = ["National", "World", "Business", "Sport", "Opinion", "Metropolitan", "Culture", "Science",
            "Technology", "Health", "Editorial", "Letters"]
AGENCIES = ["AFP", "Reuters", "AP", "APP", "PTI", "Xinhua", "Anadolu", "dpa", "Bloomberg"]
STAFF = ["Our Staff Reporter", "Our Correspondent", "Staff Reporter", "Our Special Correspondent"]
PLACES = ["KARACHI", "LAHORE", "ISLAMABAD", "PESHAWAR", "QUETTA", "MULTAN", "HYDERABAD", "LONDON",
          "WASHINGTON", "BEIJING", "DUBAI", "TOKYO", "GENEVA", "NAIROBI", "BERLIN", "PARIS", "DELHI",
          "DHAKA", "COLOMBO", "KABUL", "TEHRAN", "ANKARA", "MOSCOW", "SEOUL", "JAKARTA"]
FIRST = ["Sana", "Omar", "Hira", "Bilal", "Ayesha", "Farhan", "Nadia", "Kamran", "Zara", "Imran",
         "Mehwish", "Usman", "Rabia", "Tariq", "Saima", "Junaid", "Maria", "Adeel", "Fatima", "Hassan"]
LAST = ["Mirza", "Latif", "Baig", "Qureshi", "Hussain", "Siddiqui", "Khan", "Malik", "Chaudhry",
        "Sheikh", "Abbasi", "Rana", "Butt", "Javed", "Naqvi", "Rizvi", "Ansari", "Shah", "Zaidi", "Aziz"]
TOPICS = ["Transport", "Infrastructure", "Climate", "Cricket", "Football", "Markets", "Energy",
          "Education", "Health Care", "Elections", "Trade", "Water", "Agriculture", "Courts",
          "Housing", "Tourism", "Libraries", "Space", "Artificial Intelligence", "Startups",
          "Weather", "Heritage", "Fisheries", "Railways", "Budget", "Inflation", "Hockey",
          "Public Health", "Universities", "Wildlife"]

COMMON = """the of and to a in that is was he for it with as his on be at by i this had not are but from
or have an they which one you were her all she there would their we him been has when who will more
no if out so said what up its about into than them can only other new some could time these two may
then do first any my now such like our over man me even most made after also did many before must
through back years where much your way well down should because each just those people how too little
state good very make world still own see men work long get here between both life being under never day
same another know while last might us great old year off come since against go came right used take
three city council minister government police court market price water school report week month
officials project plan bank people police power province district road bridge hospital students
company companies workers team match season league final players coach rain flood heat crops farmers
prices exports imports budget tax taxes bill law judge case hearing party leaders talks meeting
agreement deal trade growth rate rates percent million billion rupees dollars share shares investors
board chairman director spokesman sources residents families children women youth village villages
town towns port harbour airport railway station line service services ferry bus traffic repairs
construction work plans programme scheme funds funding contract contracts supply shortage demand
energy electricity gas fuel solar wind dam river canal coast sea weather temperature forecast storm
health doctors patients vaccine disease cases virus clinic medicine research university study
scientists data technology internet phone app startup software network security online digital
election vote votes voters campaign assembly senate parliament committee opposition ruling coalition
match wicket runs innings century bowler batsman captain tournament cup stadium crowd fans victory
defeat win lost won goal goals club museum exhibition festival film music book books library poetry
artists culture heritage history theatre concert""".split()

URDU = ("شہر حکومت پانی بجلی عوام اسکول ہسپتال سڑک پل بارش کسان فصل قیمت بازار کرکٹ میچ ٹیم "
        "لائبریری کتاب مشاعرہ شاعر ادب ثقافت موسم سیلاب منصوبہ وزیر عدالت اجلاس رپورٹ طلبہ "
        "اور کے کی میں سے نے کو پر ہے ہیں تھا تھے گا گی یہ وہ ایک دو تین نیا نئی").split()

SYLLABLES = ["ka", "ri", "to", "men", "sal", "dor", "vin", "bel", "tra", "quo", "lin", "mar", "ost",
             "pel", "zan", "fir", "gud", "hal", "jen", "kor", "lum", "nev", "pra", "sto", "vel", "wir"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def vocabulary(rng):
    """Common words first, then 30,000 invented rarer ones; Zipf weights by rank."""
    tail = set()
    while len(tail) < 30000:
        tail.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    invented = sorted(tail)
    rng.shuffle(invented)
    words = COMMON + invented
    weights = list(itertools.accumulate(1.0 / (rank + 1) ** 1.07 for rank in range(len(words))))
    return words, weights


def slug(text):
    return re.sub(r"[^\w]+", "-", text.lower().replace("'", "")).strip("-")[:80].rstrip("-")


class Corpus:
    def __init__(self, seed, count):
        self.rng = random.Random(seed)
        self.seed = seed
        self.count = count
        self.words, self.weights = vocabulary(random.Random(seed + 1))
        days = max(1, min(count // 20, 5 * 365))
        self.per_day = -(-count // days)
        self.first_day = dt.date(2026, 11, 25) - dt.timedelta(days=days - 1)

    def sentence(self, low, high):
        words = self.rng.choices(self.words, cum_weights=self.weights, k=self.rng.randint(low, high))
        words[0] = words[0].capitalize()
        return " ".join(words) + "."

    def paragraph(self):
        return " ".join(self.sentence(8, 24) for _ in range(self.rng.randint(2, 5)))

    def urdu(self, low, high):
        return " ".join(self.rng.choice(URDU) for _ in range(self.rng.randint(low, high))) + "۔"

    def byline(self):
        roll = self.rng.random()
        if roll < 0.35:
            return self.rng.choice(AGENCIES)
        if roll < 0.42:
            return " | ".join(self.rng.sample(AGENCIES, 2))
        if roll < 0.7:
            return self.rng.choice(STAFF)
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def days(self):
        """Yields (date, [article, ...]) one edition at a time."""
        made = 0
        day = self.first_day
        plants = judged.planted(self.count)
        while made < self.count:
            today = []
            headlines = set()
            for _ in range(min(self.per_day, self.count - made)):
                article = self.article(day)
                if made + len(today) in plants:
                    judged.write(article, *plants[made + len(today)], self.seed)
                while article["headline"] in headlines:
                    article["headline"] = self.sentence(5, 11).rstrip(".")
                headlines.add(article["headline"])
                today.append(article)
            made += len(today)
            yield day, today
            day += dt.timedelta(days=1)

    def article(self, day):
        rng = self.rng
        urdu = rng.random() < 0.02
        if urdu:
            headline, summary = self.urdu(5, 10).rstrip("۔"), self.urdu(10, 18)
            paragraphs = [" ".join(self.urdu(8, 16) for _ in range(3)) for _ in range(rng.randint(6, 15))]
        else:
            headline = self.sentence(5, 11).rstrip(".")
            summary = self.sentence(12, 24) if rng.random() < 0.7 else None
            paragraphs = [self.paragraph() for _ in range(rng.randint(6, 15))]
        published = dt.datetime.combine(day, dt.time(rng.randint(0, 9), rng.choice([0, 15, 30, 45])))
        updated = published + dt.timedelta(minutes=rng.randint(30, 600)) if rng.random() < 0.4 else None
        if updated and updated.date() != day:
            updated = None
        byline = self.byline()
        dateline = None if urdu else rng.choice(PLACES)
        section = rng.choice(SECTIONS)
        topics = rng.sample(TOPICS, rng.randint(0, 3))
        return {"date": day, "headline": headline, "summary": summary, "byline": byline, "dateline": dateline,
                "paragraphs": paragraphs, "section": section, "topics": topics, "published": published,
                "updated": updated, "language": "ur" if urdu else "en"}


def printed_date(day):
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def ordinal(day):
    n = day.day
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{MONTHS[day.month - 1]} {n}{suffix}, {day.year}"


def clock(moment):
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d}{'am' if moment.hour < 12 else 'pm'}"


def epaper(article):
    day = article["date"]
    lines = [f"E-Paper | {printed_date(day)}", article["headline"]]
    if article["summary"]:
        lines.append(article["summary"])
    credit = f"{article['byline']} Published {printed_date(day)} {clock(article['published'])}"
    if article["updated"]:
        credit += f" Updated {printed_date(day)} {clock(article['updated'])}"
    lines += [credit, ""]
    for index, paragraph in enumerate(article["paragraphs"]):
        if index == 0 and article["dateline"]:
            paragraph = f"{article['dateline']}: {paragraph}"
        lines += [paragraph, ""]
    lines += [f"Published in {PUBLICATION}, {ordinal(day)}", "", article["section"]] + article["topics"]
    return "\n".join(lines) + "\n"


def utc(moment):
    return (moment - TIME_ZONE_OFFSET).strftime("%Y-%m-%dT%H:%M:%SZ")


def ninjs(article):
    day = article["date"]
    document = {
        "uri": f"https://bench.example/{day.isoformat()}/{slug(article['headline']) or 'ur'}",
        "type": "text", "language": article["language"], "version": "1",
        "headlines": [{"role": "main", "value": article["headline"]}],
        "bodies": [{"role": "main", "contenttype": "text/plain", "value": "\n\n".join(article["paragraphs"])}],
        "by": article["byline"], "firstcreated": utc(article["published"]),
        "versioncreated": utc(article["updated"] or article["published"]),
        "subjects": [{"name": article["section"]}] + [{"name": topic} for topic in article["topics"]],
    }
    if article["summary"]:
        document["descriptions"] = [{"role": "summary", "value": article["summary"]}]
    if article["dateline"]:
        document["located"] = article["dateline"]
    return json.dumps(document, ensure_ascii=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--epaper", help="folder for e-paper text files, one per edition day")
    parser.add_argument("--ninjs", help="file for ninjs 2.x JSON lines")
    parser.add_argument("--urls", help="file for the site paths of every article's edition day (one a line)")
    options = parser.parse_args()
    ninjs_out = open(options.ninjs, "w", encoding="utf-8") if options.ninjs else None
    if options.epaper:
        os.makedirs(options.epaper, exist_ok=True)
    written = 0
    for day, articles in Corpus(options.seed, options.count).days():
        if options.epaper:
            folder = os.path.join(options.epaper, str(day.year))
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, f"{day.isoformat()}.txt"), "w", encoding="utf-8") as out:
                out.write("\n".join(epaper(article) for article in articles))
        if ninjs_out:
            ninjs_out.writelines(ninjs(article) + "\n" for article in articles)
        written += len(articles)
    if ninjs_out:
        ninjs_out.close()
    print(f"wrote {written} articles", file=sys.stderr)


if __name__ == "__main__":
    main()
