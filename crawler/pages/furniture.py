"""Blocks a site repeats on many pages (see :mod:`crawler.pages.profile`)."""

from __future__ import annotations

from collections.abc import Iterable
from hashlib import blake2b

from .dom import Element, clean_text

_MIN_WORDS = 3  # shorter blocks ("Conclusion", "Ingredients") are structure, not furniture
# A heading without a link is structure whatever its length: a site's template may give most
# posts a "What we know" section, which is the post's text. One that links somewhere is a call
# ("Click here to subscribe to our newsletter", a real site's h2 in every body).
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


class Furniture:
    """Counts the text blocks of post bodies across the distinct pages of a crawl. A block
    found in the bodies of ``min_pages`` pages or more, and in at least ``min_share`` of the
    pages seen so far, is the site's furniture (a subscribe box, a disclaimer, a menu or a
    sidebar a body wrapper took in), not a post's text. The share keeps the text posts happen
    to share (a stock photo's caption, a quote) out: boilerplate is on most pages.

    Memory stays bounded whatever the site's size: blocks are 8-byte digests of their text
    with a count, at most ``max_blocks`` of them (blocks seen once are forgotten first when
    full), and pages are remembered as digests too, at most ``max_pages``.
    """

    def __init__(self, min_pages: int = 5, min_share: float = 0.5, max_blocks: int = 100_000,
                 max_pages: int = 200_000) -> None:
        self.min_pages = min_pages
        self.min_share = min_share
        self.pages_seen = 0
        self.max_blocks = max_blocks
        self.max_pages = max_pages
        self._counts: dict[int, int] = {}
        self._pages: set[int] = set()

    def observe(self, page: str, blocks: Iterable[int]) -> None:
        """Count the blocks (:func:`block_key` values) of one page's body, once per page."""
        page_key = digest(page)
        if page_key in self._pages:
            return
        if len(self._pages) >= self.max_pages:
            self._pages.clear()  # a page seen again after this counts twice: rare and harmless
        self._pages.add(page_key)
        self.pages_seen += 1
        counts = self._counts
        for key in set(blocks):
            counts[key] = counts.get(key, 0) + 1
        if len(counts) > self.max_blocks:
            self._forget()

    def is_furniture(self, key: int) -> bool:
        """Whether the block with this key was seen on enough distinct pages to be furniture."""
        count = self._counts.get(key, 0)
        return count >= self.min_pages and count >= self.min_share * self.pages_seen

    def __len__(self) -> int:
        return len(self._counts)

    def _forget(self) -> None:
        """Drop the rarest blocks until a quarter of the room is free again."""
        floor = 1
        while len(self._counts) > self.max_blocks * 3 // 4:
            self._counts = {k: n for k, n in self._counts.items() if n > floor}
            floor += 1


def block_key(el: Element) -> int | None:
    """The key of a block's text (whitespace collapsed) and of where its links lead, or None
    for a heading without a link or a block too short to tell furniture from structure. The
    links count: a "Source: the original" line on every post links a different source each
    time, a subscribe box the same page everywhere."""
    hrefs = [a.get("href") or "" for a in el.iter("a")]
    if el.tag in _HEADINGS and not hrefs:
        return None
    text = clean_text(el.text_content())
    if text.count(" ") < _MIN_WORDS - 1:
        return None
    return digest(" ".join([text, *hrefs]) if hrefs else text)


def digest(text: str) -> int:
    """8 bytes of BLAKE2b: stable across processes, unlike ``hash()``."""
    return int.from_bytes(blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")
