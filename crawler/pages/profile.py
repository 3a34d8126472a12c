"""What a crawl learns about one site from the many pages it reads.

A page parser sees one page; a crawl sees hundreds of pages of the same site. What every page
repeats is the site's furniture, not a post's content: the site name all ``<title>`` elements
share, the blocks every page carries around its post. :class:`SiteProfile` gathers that
evidence as pages are parsed and answers the page parsers' questions about it. It holds only
counts and short keys (no page trees), so its memory stays small whatever the site's size.

The parsers stay pure functions of their inputs: a profile is one more input, and a page parsed
without one (``profile=None``) is judged on its own markup alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .furniture import Furniture
from .sitename import SiteNames


@dataclass
class SiteProfile:
    """Evidence about one site, accumulated over the pages of a crawl."""

    names: SiteNames = field(default_factory=SiteNames)
    """Site-name candidates (title suffixes shared by many pages)."""
    furniture: Furniture = field(default_factory=Furniture)
    """Blocks repeated on many pages (menus, sidebars, footers, boilerplate paragraphs)."""
