"""Which gold fields a rendered single-post page shows: a plain rule, independent of our parser.

The *region* is the page's ``<main>`` (every theme here has one; else ``<body>``) without the
comments area, navigation, sidebars and widgets: what the theme prints about *this* post.
``<head>`` and HTTP headers count for machine-readable values (meta tags, the shortlink).

- ``post_id``: ``postid-N`` body class, an element ``id="post-N"``, or a ``?p=N`` shortlink
  (``<link rel=shortlink>`` or the ``Link:`` header).
- ``title``: the title's text occurs in the region.
- ``author``: the author's display name occurs in the region's text.
- ``author_slug``: the region links to ``/author/<slug>/``.
- ``published`` / ``modified``: ``"datetime"`` when an element's ``datetime`` attribute (or an
  ``article:*_time`` meta) holds that instant; else ``"text"`` when the region's text holds the
  date as the site formats it (``F j, Y``); else not shown. ``modified`` only counts when it
  differs from ``published``.
- ``categories`` / ``tags``: the region links to every one of the post's term archives (a post
  without terms shows nothing).
- ``comment_count``: ``"list"`` when the page lists exactly the post's approved comments
  (elements ``id="comment-N"``); ``"form"`` when it has none and the reply form shows.
- ``content_text``, ``images``, ``links``: the body is always on a single page.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from urllib.parse import unquote, urlsplit

import lxml.html

_NOT_ABOUT_THIS_POST = (
    "//*[@id='comments' or @id='respond' or self::nav or self::aside"
    " or contains(concat(' ', normalize-space(@class), ' '), ' comments-area ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' wp-block-comments ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' wp-block-post-comments ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' widget ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' widget-area ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' post-navigation ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' wp-block-post-navigation-link ')]"
)
FIELDS = ("post_id", "title", "author", "author_slug", "published", "modified", "categories",
          "tags", "content_text", "images", "links", "comment_count")
_SHORTLINK = re.compile(r"[?&]p=(\d+)")


def shown_fields(page: bytes, headers: dict[str, str], gold: dict[str, Any],
                 terms: dict[str, str], comment_ids: list[int]) -> dict[str, Any]:
    """Field -> how the page shows it (``True``, ``"datetime"``, ``"text"``, ``"list"``,
    ``"form"``), for the fields it shows. ``terms``: term name -> archive URL."""
    root = lxml.html.document_fromstring(page)
    comments = _comments_shown(root, comment_ids)
    region = _region(root)
    text = " ".join(region.text_content().split())
    hrefs = {_path(h) for h in region.xpath(".//a/@href")}
    shown: dict[str, Any] = {"content_text": True, "images": True, "links": True}
    if _shows_id(root, headers, gold["post_id"]):
        shown["post_id"] = True
    if gold["title"] in text:
        shown["title"] = True
    if gold["author"] in text:
        shown["author"] = True
    if any(re.fullmatch(r"/author/([^/]+)/?", h or "") and _slug(h) == gold["author_slug"]
           for h in hrefs):
        shown["author_slug"] = True
    for field, meta in (("published", "article:published_time"),
                        ("modified", "article:modified_time")):
        if field == "modified" and gold["modified"] == gold["published"]:
            continue
        how = _shows_date(root, text, gold[field], meta, gold["published"])
        if how:
            shown[field] = how
    for field in ("categories", "tags"):
        if gold[field] and all(_path(terms[name]) in hrefs for name in gold[field]):
            shown[field] = True
    if comments:
        shown["comment_count"] = comments
    return shown


def _comments_shown(root: Any, comment_ids: list[int]) -> str | None:
    prefix = "comment-"
    listed = {int(i[len(prefix):]) for i in root.xpath(f"//*[starts-with(@id, '{prefix}')]/@id")
              if i[len(prefix):].isdigit()}
    if comment_ids and listed == set(comment_ids):
        return "list"
    if not comment_ids and root.xpath("//form[@id='commentform']"):
        return "form"
    return None


def _region(root: Any) -> Any:
    mains = root.xpath("//main")
    region = mains[0] if mains else root.body
    for el in region.xpath("." + _NOT_ABOUT_THIS_POST):
        if el is not region:
            el.drop_tree()
    return region


def _path(url: str | None) -> str | None:
    return urlsplit(url).path.lower() if url else None


def _slug(path: str) -> str:
    return unquote(path.rstrip("/").rsplit("/", 1)[-1])


def _shows_id(root: Any, headers: dict[str, str], post_id: int) -> bool:
    body = root.body.get("class", "").split()
    ids = root.xpath("//@id")
    shortlinks = root.xpath("//link[@rel='shortlink']/@href") + [headers.get("Link", "")]
    return (f"postid-{post_id}" in body or f"post-{post_id}" in ids
            or any(str(post_id) in _SHORTLINK.findall(s) for s in shortlinks))


def _shows_date(root: Any, text: str, value: str, meta: str, published: str) -> str | None:
    """How the page shows the instant ``value``; a modified date printed as text only counts
    when it is not also the published day."""
    instant = datetime.fromisoformat(value)
    stamps = root.xpath("//@datetime") + root.xpath(f"//meta[@property='{meta}']/@content")
    for stamp in stamps:
        try:
            if datetime.fromisoformat(stamp) == instant:
                return "datetime"
        except ValueError:
            continue
    if value != published and value[:10] == published[:10]:
        return None
    return "text" if _formatted(instant) in text else None


def _formatted(instant: datetime) -> str:
    """The site's ``date_format`` (``F j, Y``)."""
    return f"{instant:%B} {instant.day}, {instant.year}"
