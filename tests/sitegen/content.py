"""Seeded text: titles, body blocks and comment threads, plus WordPress-style slugs."""

from __future__ import annotations

import random
import re
import unicodedata
from datetime import datetime, timedelta

from . import vocab
from .model import Block, Comment, Inline

_CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "j", "k", "l", "m", "n", "o", "p", "r",
     "s", "t", "u", "f", "h", "c", "ch", "sh", "shh", "_", "y", "_", "e", "yu", "ya"],
    strict=True,
))
_QUOTES = re.compile(r"['’‘\"“”]")
_ORDINALS = ["Second", "Third", "Fourth", "Fifth", "Sixth"]


def slugify(text: str) -> str:
    """sanitize_title() as a Cyr-To-Lat WordPress would apply it: accents dropped, Cyrillic
    transliterated, quotes and ``&`` removed, everything else a dash."""
    text = "".join(_CYRILLIC.get(ch, ch) for ch in text.lower()).replace("_", "")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = _QUOTES.sub("", text).replace("&", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def unique_slug(base: str, taken: set[str]) -> str:
    """WordPress's rule for a taken slug: ``x``, then ``x-2``, ``x-3``..."""
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def texturize(text: str) -> str:
    """wptexturize()'s apostrophes: the site stores curly ones, so the truth has them too."""
    return text.replace("'", "\u2019")


class _Slots(dict[str, str]):
    """Template slots drawn on first use, so a template costs only the draws it needs."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__()
        self.rng = rng

    def __missing__(self, key: str) -> str:
        r = self.rng
        draw = {
            "place": lambda: r.choice(vocab.PLACES), "n": lambda: str(r.randint(2, 40)),
            "item": lambda: r.choice(vocab.ITEMS), "item_t": lambda: _upper(r.choice(vocab.ITEMS)),
            "market": lambda: r.choice(vocab.MARKETS), "agency": lambda: r.choice(vocab.AGENCIES),
            "agency_c": lambda: _upper(r.choice(vocab.AGENCIES)),
            "agency_t": lambda: _upper(r.choice(vocab.AGENCIES).removeprefix("the ")),
            "role": lambda: r.choice(vocab.ROLES), "role_t": lambda: r.choice(vocab.ROLES).title(),
            "tool": lambda: r.choice(vocab.TOOLS), "handle": lambda: r.choice(vocab.HANDLES),
            "ordinal": lambda: r.choice(_ORDINALS),
        }[key]
        self[key] = value = draw()
        return value


class Writer:
    """Draws titles, sentences and comments from :mod:`vocab` with one ``random.Random``."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def fill(self, template: str) -> str:
        """``template`` with its slots drawn in order of appearance (only the slots it uses)."""
        return template.format_map(_Slots(self.rng))

    def title(self) -> str:
        return self.fill(self.rng.choice(vocab.TITLES))

    def sentences(self, k: int) -> str:
        return " ".join(self.fill(s) for s in self.rng.sample(vocab.SENTENCES, k))

    def paragraph(self) -> Block:
        return Block("p", [("t", self.sentences(self.rng.randint(2, 4)))])

    def blocks(self, n_paragraphs: int) -> list[Block]:
        """Paragraphs with an occasional heading, list and quote (no links or images yet)."""
        r = self.rng
        out = [self.paragraph() for _ in range(n_paragraphs)]
        if r.random() < 0.4:
            out.insert(r.randint(1, len(out)), Block("h2", [("t", r.choice(vocab.HEADINGS))]))
        if r.random() < 0.35:
            items: list[list[Inline]] = [[("t", self.fill(s).rstrip("."))]
                                         for s in r.sample(vocab.SENTENCES, 3)]
            out.insert(r.randint(1, len(out)), Block("ul", items=items))
        if r.random() < 0.3:
            quote: list[Inline] = [("t", "“" + self.sentences(1) + "”")]
            out.insert(r.randint(1, len(out)), Block("quote", quote))
        if r.random() < 0.3:
            out[0].inlines = [("em", self.sentences(1))]
        return out

    def comments(self, first_id: int, after: datetime, total: int) -> list[Comment]:
        """``total`` comments, about a third of them replies to the one before."""
        r = self.rng
        top: list[Comment] = []
        when = after
        for k in range(total):
            when += timedelta(hours=r.randint(1, 60), minutes=r.randint(0, 59))
            name, url = r.choice(vocab.COMMENTERS)
            comment = Comment(first_id + k, name, url, when, texturize(r.choice(vocab.COMMENTS)))
            if top and r.random() < 0.35:
                top[-1].children.append(comment)
            else:
                top.append(comment)
        return top
