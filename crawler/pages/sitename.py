"""The site's name, learned from the titles of many pages (see :mod:`crawler.pages.profile`)."""

from __future__ import annotations


class SiteNames:
    """Counts title affixes across pages; the affix most pages share is the site name.

    Skeleton: learns nothing yet (the extraction work of issue 8 fills it in).
    """

    def observe(self, title: str) -> None:
        """Note one page's raw ``<title>`` text."""

    def name(self) -> str | None:
        """The learned site name, or ``None`` while the evidence is too thin."""
        return None
