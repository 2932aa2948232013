"""The judged query set: stories planted in the corpus whose relevance to a query is known.

Random copy cannot be judged: no article in it is about anything. So the corpus plants, for each
subject below, six stories written about it (the subject's words in the headline and the summary,
and three paragraphs on it), spread from the oldest editions to the newest. Random articles
mention the same common words in passing, hundreds of thousands of times at a million articles.
A story is relevant to its subject's query when it was written about that subject, and to no
other query; a passing mention is not. The measure is how many of the six planted stories a
ranking puts in its first ten results (recall at ten), for Broadsheet and for the bare bm25
query that scores every match.
"""
import random

# (query a reader types, the subject's words for a headline, what the paragraphs say)
SUBJECTS = [
    ("bridge repairs", "bridge repairs", "The bridge repairs close one lane at night and the council says work ends before the rains."),
    ("ferry service", "ferry service", "The ferry service runs every half hour from the harbour and the port board sets the timetable."),
    ("water shortage", "water shortage", "The water shortage reaches the old town first, where tankers fill tanks from the canal."),
    ("vaccine", "vaccine drive", "Clinics open early for the vaccine and doctors ask families to bring a card for each child."),
    ("stadium", "stadium", "The stadium holds the crowd for the final, and fans queue at the gates from the afternoon."),
    ("solar power", "solar power", "Solar power panels go up on school roofs and the province pays for the first thousand."),
    ("harbour traffic", "harbour traffic", "Harbour traffic backs up at the port as ships wait for a berth and the pilots work in shifts."),
    ("budget tax", "budget and tax", "The budget raises the tax on fuel, and the minister says the funds go to roads and hospitals."),
    ("flood crops", "flood and crops", "The flood covers the crops along the river and farmers ask for seed before the next season."),
    ("railway station", "railway station", "The railway station gets a new roof and a second line of ticket windows for the rush hour."),
    ("library books", "library books", "The library lends books from a bus in the villages, and children return them each week."),
    ("museum exhibition", "museum exhibition", "The museum exhibition shows maps of the coast and opens late on the weekend."),
    ("bus traffic", "bus and traffic", "A bus lane clears the traffic on the main road, and the police watch the junctions."),
    ("electricity prices", "electricity prices", "Electricity prices rise in the summer months, and the board says gas costs drove them."),
    ("court hearing", "court hearing", "The court hearing turns on the contract, and the judge asks both sides for their papers."),
    ("election campaign", "election campaign", "The election campaign reaches the villages, where voters ask about roads and schools."),
    ("hospital patients", "hospital patients", "The hospital moves patients to a new wing while workers repair the old one."),
    ("storm forecast", "storm forecast", "The storm forecast warns the coast, and boats stay in the harbour until the wind drops."),
    ("cricket captain", "cricket captain", "The cricket captain names the team for the tour and praises the young bowler."),
    ("internet security", "internet security", "Internet security teams at the bank find the fault and close the network for an hour."),
]
ANGLES = ["set to start next month", "draws questions from residents", "wins praise in the city",
          "faces delays after talks", "gets new funds from the province", "ends after a long year"]
# Where the six stories of a subject sit, as fractions of the corpus: oldest to newest.
PLACES = [0.02, 0.2, 0.4, 0.6, 0.8, 0.98]


def planted(count):
    """{article index: (subject number, story number)} for a corpus of `count` articles."""
    places = {}
    for number in range(len(SUBJECTS)):
        for story, fraction in enumerate(PLACES):
            places[min(count - 1, int(fraction * count) + number * 7 + story)] = (number, story)
    return places


def headline(number, story):
    words = SUBJECTS[number][1]
    return f"{words[0].upper()}{words[1:]} {ANGLES[story]} (report {number + 1}.{story + 1})"


def write(article, number, story, seed):
    """Turns a generated article into the planted story, keeping its date, byline and desk."""
    rng = random.Random(seed * 1000 + number * 10 + story)
    _, words, fact = SUBJECTS[number]
    article["headline"] = headline(number, story)
    article["summary"] = f"What the {words} means for the city, and what comes next."
    paragraphs = article["paragraphs"] if article["language"] == "en" else []
    article["language"] = "en"
    article["dateline"] = article["dateline"] or "KARACHI"
    for offset in (0, 2, 4):
        paragraphs.insert(min(offset, len(paragraphs)), fact if offset == 0 else f"{fact} {rng.choice(ANGLES).capitalize()}.")
    article["paragraphs"] = paragraphs
    return article
