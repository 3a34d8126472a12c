"""Sets that cost about 10 bytes an entry, however long what they stand for.

A crawl remembers every link spelling it has met, every URL it has requested, the fingerprint of
every request Scrapy scheduled and the comments its pages showed: at 100,000 posts some two
million entries, held to the end (issue 14: memory grew with every post). Kept as Python strings
they cost 110-170 bytes each; as ints in a ``set``, ~70 (a 32-byte int and its slot in the
set's table). A :class:`HashSet` keeps 60-bit ints in sorted arrays of 8 bytes each, searched
by bisection, with a small ``set`` of the newest in front: ~10 bytes an entry
(``tests/scale/test_memory.py``). A :class:`SeenUrls` keeps a 60-bit hash of each URL in one.

Two URLs of one crawl share a hash with odds of about n²/2⁶¹ (4 in 10⁷ at a million URLs): the
second would be taken as seen and not followed.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left

BITS = 60
MASK = (1 << BITS) - 1
"""Python keeps ints below 2⁶⁰ in 32 bytes, wider ones in 36; an array holds any of them in 8."""

_BUCKET_BITS = 8
_SHIFT = BITS - _BUCKET_BITS
_FOLD_AT = 64
"""A bucket's newest entries are folded into its array once they are this many and at least a
sixteenth of the array (each entry is then copied ~16 times over the crawl, in C)."""
_HOT = 4096
"""Entries found in the arrays lately, kept in a set too: the links every page repeats (menus,
categories, tags) are answered at a set's speed, not a bisection's."""


class HashSet:
    """Ints in ``[0, 2⁶⁰)``, about 10 bytes each once there are thousands (see the module).

    256 buckets by the top 8 bits, so a fold sorts a bucket, not the whole set: at a million
    entries a fold moves ~4,000 ints (a fraction of a millisecond; the reactor never waits
    on one). ``h in s``, ``s.add(h)`` (true when *h* is new: one lookup for "seen? then
    remember"), ``len(s)``.
    """

    __slots__ = ("_runs", "_recent", "_hot", "_len")

    def __init__(self) -> None:
        self._runs = [array("q") for _ in range(1 << _BUCKET_BITS)]
        self._recent: list[set[int]] = [set() for _ in range(1 << _BUCKET_BITS)]
        self._hot: set[int] = set()
        self._len = 0

    def __contains__(self, value: int) -> bool:
        if value in self._hot:
            return True
        bucket = value >> _SHIFT
        if value in self._recent[bucket]:
            return True
        run = self._runs[bucket]
        index = bisect_left(run, value)
        if index < len(run) and run[index] == value:
            hot = self._hot
            if len(hot) >= _HOT:
                hot.clear()
            hot.add(value)
            return True
        return False

    def add(self, value: int) -> bool:
        """Remember *value*; whether it was new."""
        if not 0 <= value <= MASK:
            raise ValueError(f"{value} is not in [0, 2**{BITS})")
        if value in self:
            return False
        bucket = value >> _SHIFT
        recent = self._recent[bucket]
        recent.add(value)
        self._len += 1
        if len(recent) >= _FOLD_AT and 16 * len(recent) >= len(self._runs[bucket]):
            self._runs[bucket] = array("q", sorted([*self._runs[bucket], *recent]))
            recent.clear()
        return True

    def __len__(self) -> int:
        return self._len


def url_key(url: str) -> int:
    """A URL's 60-bit hash: Python's own (SipHash), stable within a process only."""
    return hash(url) & MASK


def bytes_key(digest: bytes) -> int:
    """The first 60 bits of a digest (a request fingerprint)."""
    return int.from_bytes(digest[:8], "big") >> (64 - BITS)


class SeenUrls:
    """The URLs met so far, as hashes (see the module): ``url in seen``, ``seen.add(url)`` (true
    when *url* is new)."""

    __slots__ = ("_hashes",)

    def __init__(self) -> None:
        self._hashes = HashSet()

    def __contains__(self, url: str) -> bool:
        return url_key(url) in self._hashes

    def add(self, url: str) -> bool:
        """Remember *url*; whether it was new."""
        return self._hashes.add(url_key(url))

    def __len__(self) -> int:
        return len(self._hashes)
