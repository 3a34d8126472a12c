"""Content of the comments site: a few posts and ~200 comments, the way real discussions go.

Threads several levels deep (up to the site's thread depth, 5), commenters with non-ASCII
names, with and without a website, registered users among them; comments split over pages; a
pingback and a trackback; and comments no visitor sees (pending, spam, trashed), which must
never reach the dataset. Fixed word lists and a seeded ``random.Random``: the same site on every
run.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from .markup import Op, paragraph, post

HOME = "http://talk.example.org"
TITLE = "Harbour Talk"
SEED = 1010
OPTIONS = {"timezone_string": "Europe/Lisbon", "posts_per_page": 5,
           "thread_comments": 1, "thread_comments_depth": 5, "page_comments": 1,
           "comments_per_page": 8, "default_comments_page": "newest", "comment_order": "asc",
           "show_avatars": 0, "blogdescription": "A place to argue about boats"}

USERS: list[Op] = [
    {"op": "user", "key": "rui", "login": "rui", "slug": "rui", "name": "Rui Gonçalves",
     "registered": "2015-06-01 12:00:00"},
    {"op": "user", "key": "ines", "login": "ines", "slug": "ines-a", "name": "Inês Araújo",
     "registered": "2015-06-01 12:00:00"},
]
# (name, website or ""): the people who comment.
PEOPLE = [("Zoë Ångström", "https://zoe.example"), ("Олена Коваль", ""),
          ("李雷", "http://lilei.example/blog/"), ("Søren", ""), ("José Müller", ""),
          ("Mary O'Neil", "https://mary.example"), ("Dmitri", ""), ("Ana & Luís", ""),
          ("Kwame", "https://kwame.example"), ("Ngozi", ""), ("Piet de Vries", ""),
          ("Ayşe Yılmaz", "https://ayse.example"), ("Θεόδωρος", ""), ("anon", "")]
_OPENERS = ["Great piece.", "I disagree.", "Thanks for writing this!", "Interesting.",
            "Not sure about this.", "Exactly my experience.", "Hmm.", "Well said."]
_LINES = ["The tide tables were wrong again last week.",
          "My grandfather fished here for forty years & never saw anything like it.",
          "Where did you get the numbers from?",
          "The new crane is louder than the old one, <em>much</em> louder.",
          "Ferries should run later in summer.",
          "Prices at the café went up by 20 % — again.",
          "I saw the same thing from the south pier.",
          "Could you post the photos in higher resolution?",
          "Isn't this the same boat as in March?",
          "The harbourmaster said the dredging starts in May."]

POSTS: list[Op] = [
    post("big", "The Crane Debate", "the-crane-debate", "rui", "2018-03-01 09:00:00",
         paragraph("The port wants a second electric crane. Should it?") + "\n\n"
         + paragraph("Tell us what you think below."), categories=["uncategorized"]),
    post("deep", "Who Owns the Slipway?", "who-owns-the-slipway", "ines", "2018-05-10 18:30:00",
         paragraph("A question that started a long argument."), categories=["uncategorized"]),
    post("small", "Night Ferry Timetable", "night-ferry-timetable", "rui", "2018-07-02 07:15:00",
         paragraph("The summer timetable is out."), categories=["uncategorized"]),
    post("quiet", "A Post Nobody Answered", "a-post-nobody-answered", "ines",
         "2018-09-09 12:00:00", paragraph("Nothing to discuss here."),
         categories=["uncategorized"]),
    post("winter", "Winter Storms", "winter-storms", "rui", "2018-12-20 20:00:00",
         paragraph("Three storms in two weeks.") + "\n\n" + paragraph("How did your boat do?"),
         categories=["uncategorized"]),
]

# Per post: how many top-level comments, and how likely each comment gets a reply.
THREADS = {"big": (30, 0.35), "deep": (6, 0.9), "small": (4, 0.3), "winter": (14, 0.45)}
HIDDEN = {"pending": "0", "spam": "spam", "trash": "trash"}


def _text(rng: random.Random) -> str:
    lines = rng.sample(_LINES, rng.randint(1, 3))
    text = f"{rng.choice(_OPENERS)} {lines[0]}"
    return text + "".join(f"\n\n{line}" for line in lines[1:])


def _who(rng: random.Random) -> dict[str, str]:
    if rng.random() < 0.12:
        return {"user": rng.choice(["rui", "ines"])}
    name, url = rng.choice(PEOPLE)
    return {"name": name, **({"url": url} if url else {})}


def comment_ops() -> list[Op]:
    """Every comment, in the order they were written (IDs follow), replies after parents."""
    rng = random.Random(SEED)
    ops: list[Op] = []
    for key, (top, reply_rate) in THREADS.items():
        start = datetime.fromisoformat(next(p["date"] for p in POSTS if p["key"] == key))
        clock = start + timedelta(hours=1)
        open_threads: list[tuple[str, int]] = []  # (comment key, depth)
        for n in range(top):
            clock += timedelta(minutes=rng.randint(5, 600))
            ops.append(_comment(f"{key}-c{n}", key, None, clock, rng))
            open_threads.append((f"{key}-c{n}", 1))
            while open_threads and rng.random() < reply_rate:
                parent, depth = rng.choice(open_threads)
                if depth >= 5:  # WordPress offers no reply link below the thread depth
                    continue
                clock += timedelta(minutes=rng.randint(1, 300))
                child = f"{key}-r{len(ops)}"
                ops.append(_comment(child, key, parent, clock, rng))
                open_threads.append((child, depth + 1))
        # What no visitor sees: held for moderation, spam, trash; one is a reply.
        for status, approved in HIDDEN.items():
            clock += timedelta(minutes=7)
            ops.append({**_comment(f"{key}-{status}", key, ops[-1]["key"], clock, rng),
                        "approved": approved, "content": f"Hidden ({status}): buy cheap boats"})
    # Pings are no comments: shown on the page, never in the comments dataset.
    ops.append({"op": "comment", "post": "small", "key": "ping", "type": "pingback",
                "name": "Ferry News &raquo; Night ferries", "url": "https://ferries.example/n/",
                "date": "2018-07-03 10:00:00", "content": "[&#8230;] the timetable [&#8230;]"})
    ops.append({"op": "comment", "post": "winter", "key": "track", "type": "trackback",
                "name": "Storm Watch", "url": "https://storms.example/2018/12/",
                "date": "2018-12-21 09:00:00", "content": "Storm Watch linked here."})
    return ops


def _comment(key: str, post_key: str, parent: str | None, when: datetime,
             rng: random.Random) -> Op:
    op: Op = {"op": "comment", "post": post_key, "key": key, "date": when.isoformat(" "),
              "content": _text(rng), **_who(rng)}
    if parent is not None:
        op["parent"] = parent
    return op


def site_ops() -> list[Op]:
    return [*USERS, *POSTS, *comment_ops()]
