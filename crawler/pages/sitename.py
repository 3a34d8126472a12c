"""The site's name, learned from the titles of many pages (see :mod:`crawler.pages.profile`),
and the single-page evidence that an affix of a title is the site's name."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

SEPARATORS = (" | ", " – ", " - ", " — ", " » ", " · ", " :: ", " : ", " ~ ", " // ")
_NOT_ALNUM = re.compile(r"[\W_]+")
_MIN_PAGES = 3  # an affix shared by fewer pages is a coincidence, not a name
_MAX_KEYS = 2000  # affixes remembered before the rare ones are forgotten
_KEEP = 200


class SiteNames:
    """Counts title affixes across pages; the affix most pages share is the site name.

    Titles are ``Post | Site`` or ``Site | Post`` with a handful of separators. Each observed
    title adds one count to its last and to its first part; the affix seen on at least three
    pages and on at least half of the titles that have a separator is the name. Memory stays
    bounded: past 2,000 distinct affixes only the 200 most common are kept.
    """

    def __init__(self) -> None:
        self._affixes: Counter[str] = Counter()
        self._titles = 0

    def observe(self, title: str) -> None:
        """Note one page's raw ``<title>`` text."""
        parts = split_title(title)
        if len(parts) < 2:
            return
        self._titles += 1
        for affix in dict.fromkeys((parts[0], parts[-1])):
            self._affixes[affix] += 1
        if len(self._affixes) > _MAX_KEYS:
            self._affixes = Counter(dict(self._affixes.most_common(_KEEP)))

    def name(self) -> str | None:
        """The learned site name, or ``None`` while the evidence is too thin."""
        if not self._affixes:
            return None
        affix, count = self._affixes.most_common(1)[0]
        return affix if count >= _MIN_PAGES and 2 * count >= self._titles else None


def split_title(title: str) -> list[str]:
    """``title`` split at the first separator it uses (``A | B | C`` -> three parts)."""
    for sep in SEPARATORS:
        if sep in title:
            return [part.strip() for part in title.split(sep)]
    return [title.strip()]


def host_key(url: str) -> str:
    """The name part of a URL's host, letters and digits only: ``deepdotweb`` for
    ``https://www.deepdotweb.com/...``, ``spacenews`` for ``spacenews.com``."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    labels = host.split(".")
    return labels[-2] if len(labels) >= 2 else host


def names_host(affix: str, host: str) -> bool:
    """Whether ``affix`` spells the host's name ("Deep Dot Web", "DeepDotWeb.com", "Digg")."""
    key = _NOT_ALNUM.sub("", affix.lower())
    return bool(host) and len(host) >= 3 and key in (host, host + "com", host + "org", host + "net")
