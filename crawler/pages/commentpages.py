"""Which comment pages (``/comment-page-N/``, ``?cpage=N``) of its own post a page links to."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .document import Document
from .dom import absolute, xpath

_PAGE_LINKS = xpath("//a[contains(@href, 'comment-page-') or contains(@href, 'cpage=')]/@href")
_PAGE_MARK = re.compile(r"comment-page-\d+/?$|(?:^|(?<=&))cpage=\d+&?")


def comment_page_links(doc: Document) -> list[str]:
    """Links to comment pages of the post *doc* shows (a "recent comments" widget's links to
    other posts' pages left out), absolute, page order."""
    own = _post_of(doc.url)
    found = (absolute(doc.base_url, href) for href in _PAGE_LINKS(doc.root))
    return list(dict.fromkeys(url for url in found if url and _post_of(url) == own))


def _post_of(url: str) -> str:
    """*url*'s path and query without the fragment and the comment page mark."""
    parts = urlsplit(url)
    path = _PAGE_MARK.sub("", parts.path)
    query = _PAGE_MARK.sub("", parts.query).rstrip("&?")
    return f"{path.rstrip('/')}?{query}"
