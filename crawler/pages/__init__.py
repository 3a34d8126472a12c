"""Page parsers: a parsel ``Selector`` and the page's original URL in, fields out.

Pure functions of the markup: no requests, no settings. Deciding what to follow is the routing
table's job, not theirs.
"""

from .commentpages import comment_page_links
from .listing import MAX_PAGE_LINKS, offered_links, page_links
from .post import PostPage
from .profile import SiteProfile
from .thread import page_comments

__all__ = ["MAX_PAGE_LINKS", "PostPage", "SiteProfile", "comment_page_links", "offered_links",
           "page_comments", "page_links"]
