"""Sets of URLs that cost a few dozen bytes an entry, however long the URL.

A crawl remembers every link spelling it has met and every URL it has requested: at 10,000 posts
some 100,000 strings of 60-120 characters, held to the end (issue 14: memory grew with every
post). A :class:`SeenUrls` keeps a 60-bit hash of each instead, an int of 32 bytes against a
string of 110-170: with the set's own table, 40% less for URLs of 80 characters
(``tests/scale/test_memory.py``). Two URLs of one crawl share a hash with odds of about n²/2⁶¹
(4 in 10⁷ at a million URLs): the second would be taken as seen and not followed.
"""

from __future__ import annotations

_MASK = (1 << 60) - 1
"""Python keeps ints below 2⁶⁰ in 32 bytes, wider ones in 36."""


class SeenUrls:
    """The URLs met so far, as hashes (see the module): ``url in seen``, ``seen.add(url)``."""

    __slots__ = ("_hashes",)

    def __init__(self) -> None:
        self._hashes: set[int] = set()

    def __contains__(self, url: str) -> bool:
        return hash(url) & _MASK in self._hashes

    def add(self, url: str) -> None:
        self._hashes.add(hash(url) & _MASK)

    def __len__(self) -> int:
        return len(self._hashes)
