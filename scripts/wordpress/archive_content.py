"""Content of the two-era archive site: ~40 posts in era 1, then an editor's year of changes.

Generated from fixed word lists with a seeded ``random.Random`` (the same posts on every run).
"""

from __future__ import annotations

import random

from .markup import Op, block, paragraph, post

HOME = "http://blog.example.net:8081"
TITLE = "Hidden Services Weekly"
OPTIONS = {"timezone_string": "America/Sao_Paulo", "posts_per_page": 10,
           "blogdescription": "News from the other side of the web"}
SEED = 2019

USERS: list[Op] = [
    {"op": "user", "key": "ana", "login": "ana", "slug": "ana-s", "name": "Ana Souza",
     "registered": "2015-06-01 12:00:00"},
    {"op": "user", "key": "dmitri", "login": "dmitri", "slug": "dk", "name": "Дмитрий К.",
     "registered": "2015-06-01 12:00:00"},
    {"op": "user", "key": "lea", "login": "lea", "slug": "lea-m", "name": "Léa Martin",
     "registered": "2015-06-01 12:00:00"},
]
TERMS: list[Op] = [
    {"op": "term", "key": "news", "taxonomy": "category", "name": "News", "slug": "news"},
    {"op": "term", "key": "guides", "taxonomy": "category", "name": "Guides", "slug": "guides"},
    {"op": "term", "key": "security", "taxonomy": "category", "name": "Security",
     "slug": "security", "parent": "guides"},
    {"op": "term", "key": "interviews", "taxonomy": "category", "name": "Интервью",
     "slug": "interviews"},
] + [{"op": "term", "key": f"t-{slug}", "taxonomy": "post_tag", "name": name, "slug": slug}
     for name, slug in [("markets", "markets"), ("vendors", "vendors"), ("escrow", "escrow"),
                        ("bitcoin", "bitcoin"), ("monero", "monero"), ("PGP", "pgp"),
                        ("law enforcement", "law-enforcement"), ("Tor", "tor"),
                        ("scams", "scams"), ("opsec", "opsec")]]

_SUBJECTS = ["Market", "Forum", "Vendor", "Escrow service", "Wallet", "Mixer", "Onion mirror",
             "Exchange", "Admin", "Directory"]
_EVENTS = ["goes offline", "returns after downtime", "adds Monero", "changes its PGP key",
           "warns about phishing", "raises fees", "opens registrations", "is seized",
           "announces an audit", "moves to a new address"]
_SENTENCES = [
    "Users reported the change on the forum within hours.",
    "The administrators signed the announcement with their usual PGP key.",
    "Several vendors moved their listings elsewhere during the outage.",
    "Withdrawals were paused while the team investigated.",
    "Security researchers say the pattern is familiar.",
    "As always, verify every address you are given against a signed message.",
    "The escrow balance was reportedly unaffected.",
    "Prices rose by roughly ten percent in the following week.",
    "A statement promised more details in the coming days.",
    "Not every claim in the announcement could be verified.",
]


def _body(rng: random.Random, index: int) -> str:
    parts = [paragraph(" ".join(rng.sample(_SENTENCES, 3))) for _ in range(rng.randint(2, 4))]
    if index % 4 == 0:
        parts.insert(1, block("heading", "<h2>What we know</h2>"))
    if index % 5 == 1:
        parts.append(block("list", "<ul><li>Check the signature</li><li>Use a new address"
                            "</li><li>Never reuse passwords</li></ul>"))
    if index % 3 == 2:
        parts.append(paragraph(f'Source: <a href="https://news.example/item/{index}">the original '
                        "report</a>."))
    if index % 6 == 3 and index > 3:
        parts.append(paragraph(f'Earlier: <a href="{{url:post{index - 3}}}">our previous '
                               "story</a>."))
    return "\n\n".join(parts)


def _month(i: int) -> tuple[int, int]:
    """(year, month) of the i-th era-1 post: November 2015 onwards."""
    return 2015 + (i + 10) // 12, (i + 10) % 12 + 1


def era1_posts() -> list[Op]:
    """40 posts, 2015-11 to 2019-02 (before the first capture), one a month."""
    rng = random.Random(SEED)
    cats = [["news"], ["news"], ["guides", "security"], ["interviews"], ["news", "security"],
            ["uncategorized"]]
    tags = [t["key"] for t in TERMS if t["taxonomy"] == "post_tag"]
    posts = []
    for i in range(40):
        year, month = _month(i)
        day, hour = rng.randint(1, 28), rng.randint(0, 23)
        title = f"{_SUBJECTS[i % 10]} {_EVENTS[(i * 7) % 10]}"
        if i % 10 == 9:
            title += f" ({year})"
        posts.append(post(
            f"post{i}", title, f"story-{i:02d}-" + title.lower().split()[0], USERS[i % 3]["key"],
            f"{year}-{month:02d}-{day:02d} {hour:02d}:{rng.randint(0, 59):02d}:00", _body(rng, i),
            categories=cats[i % len(cats)], tags=rng.sample(tags, i % 5)))
    posts[-1]["sticky"] = True
    return posts


def era1_comments() -> list[Op]:
    comments: list[Op] = []
    for i in range(0, 40, 4):
        post = f"post{i}"
        year, month = _month(i)
        base = f"{year}-{month:02d}-28 12:00:00"
        comments.append({"op": "comment", "key": f"c{i}a", "post": post, "name": "reader",
                         "date": base, "content": "Thanks for the update."})
        if i % 8 == 0:
            comments.append({"op": "comment", "key": f"c{i}b", "post": post, "parent": f"c{i}a",
                             "user": USERS[i % 3]["key"], "date": base.replace("12:00", "13:00"),
                             "content": "You are welcome."})
    return comments


EDITED = [2, 5, 9, 14, 18, 23, 30, 36]
RENAMED = [7, 21]
DELETED = [3, 12, 27]


def changes() -> list[Op]:
    """Between the eras: edits, renames, deletions, new posts, and the theme switch."""
    ops: list[Op] = []
    for n, i in enumerate(EDITED):
        ops.append({"op": "edit", "post": f"post{i}", "title": f"Updated: {_SUBJECTS[i % 10]} "
                    f"{_EVENTS[(i * 7) % 10]}", "content": paragraph(
                        "Update: this story was corrected after new information came in.")
                    + "\n\n" + _body(random.Random(SEED + i), i),
                    "modified": f"2019-{6 + n // 4:02d}-{10 + n:02d} 10:{n:02d}:00"})
    for n, i in enumerate(RENAMED):
        ops.append({"op": "edit", "post": f"post{i}", "slug": f"renamed-story-{i:02d}",
                    "modified": f"2019-08-0{n + 1} 09:00:00"})
    ops += [{"op": "delete", "post": f"post{i}"} for i in DELETED]
    rng = random.Random(SEED + 100)
    for n in range(5):
        ops.append(post(f"new{n}", f"New in {2019 + (n + 6) // 12}: {_SUBJECTS[n]} "
                         f"{_EVENTS[n]}", f"new-story-{n}", USERS[n % 3]["key"],
                         f"{2019 + (n + 6) // 12}-{(n + 6) % 12 + 1:02d}-15 15:30:00",
                         _body(rng, 100 + n), categories=["news"]))
    ops.append({"op": "theme", "stylesheet": "twentytwentythree"})
    return ops


def era1_ops() -> list[Op]:
    return [*USERS, *TERMS, *era1_posts(), *era1_comments()]
