"""Blocks a site repeats on many pages (see :mod:`crawler.pages.profile`)."""

from __future__ import annotations


class Furniture:
    """Counts text blocks across pages; a block most pages carry is furniture, not a post's body.

    Skeleton: learns nothing yet (the extraction work of issue 8 fills it in).
    """

    def is_furniture(self, key: str) -> bool:
        """Whether the block with this key was seen on enough distinct pages to be furniture."""
        return False
