"""Page parsers: a parsel ``Selector`` and the page's original URL in, fields out.

Pure functions of the markup: no requests, no settings. Deciding what to follow is the routing
table's job, not theirs.
"""

from .listing import MAX_PAGE_LINKS, offered_links, page_links
from .post import PostPage
from .profile import SiteProfile

__all__ = ["MAX_PAGE_LINKS", "PostPage", "SiteProfile", "offered_links", "page_links"]
