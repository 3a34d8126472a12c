"""Gold per post, from WordPress's REST API only (never from our parsers).

How each field is derived (``/wp-json/wp/v2/...``, unauthenticated, so ``context=view``):

- ``post_id``, ``url``: the post's ``id`` and ``link``; ``slug``: ``slug``, percent-decoded.
- ``title``: the text of ``title.rendered`` (texturized, as themes print it; tags dropped,
  entities decoded, whitespace collapsed). For a password-protected post the API gives the title
  alone, without the "Protected: " prefix pages put before it.
- ``author``, ``author_slug``: ``name`` and ``slug`` (percent-decoded) of ``users/<author>``.
- ``published``, ``modified``: ``date`` / ``modified`` (site-local) with the UTC offset that
  ``date - date_gmt`` gives, as ISO 8601 (``2016-03-04T09:15:00+01:00``).
- ``categories``, ``tags``: the names of the post's ``categories`` / ``tags`` IDs, in the order
  the API lists them. The API takes them from ``get_the_terms()``, the function themes print
  term lists with (``get_the_category_list``, ``get_the_term_list``, the post-terms block), so it
  is the order pages show: by name, in the database's collation.
- ``content_text``: the words of ``content.rendered``: text of every node, with a word break at
  every element boundary except inline ones (``a``, ``em``, ``strong``, ``code``...), scripts
  and styles dropped, whitespace runs collapsed to one space. Empty for a password-protected
  post (``content.protected``): visitors get a password form, not the body.
- ``images``: ``img/@src`` of ``content.rendered`` in document order, repeats dropped.
- ``links``: ``a/@href`` of ``content.rendered`` in document order, made absolute, without the
  fragment; in-page (``#...``), ``mailto:``, ``tel:`` and ``javascript:`` links left out;
  repeats dropped.
- ``comment_count``: the number of approved comments (replies included) that
  ``comments?post=<id>`` lists: the API only shows approved comments to visitors.
"""

from __future__ import annotations

import html
from datetime import datetime
from typing import Any
from urllib.parse import unquote, urljoin

import lxml.html

from .fetch import rest

INLINE = frozenset(("a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i",
                    "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup",
                    "time", "u", "var", "del", "ins"))
SKIPPED_LINKS = ("mailto:", "tel:", "javascript:", "#")


def site_api(port: int, home: str) -> dict[str, list[Any]]:
    """The raw REST collections the gold is made from (``_links`` dropped)."""
    found = {route: rest(port, home, route, orderby="id", order="asc")
             for route in ("posts", "users", "categories", "tags", "pages", "media")}
    found["comments"] = rest(port, home, "comments", orderby="id", order="asc")
    for items in found.values():
        for item in items:
            item.pop("_links", None)
    return found


def post_gold(api: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """One gold row per post, in ID order."""
    users = {u["id"]: u for u in api["users"]}
    terms = {t["id"]: t["name"] for t in api["categories"] + api["tags"]}
    comments = [c["post"] for c in api["comments"]]
    rows = []
    for post in api["posts"]:
        user = users[post["author"]]
        rendered = post["content"]["rendered"]
        rows.append({
            "post_id": post["id"], "url": post["link"], "slug": unquote(post["slug"]),
            "title": text_of(post["title"]["rendered"]),
            "author": user["name"], "author_slug": unquote(user["slug"]),
            "published": iso(post["date"], post["date_gmt"]),
            "modified": iso(post["modified"], post["modified_gmt"]),
            "categories": [html.unescape(terms[i]) for i in post["categories"]],
            "tags": [html.unescape(terms[i]) for i in post["tags"]],
            "content_text": content_words(rendered),
            "images": images(rendered), "links": links(rendered, post["link"]),
            "comment_count": comments.count(post["id"]),
        })
    return rows


def iso(local: str, gmt: str) -> str:
    """``local`` with the offset ``local - gmt``: ``2016-03-04T09:15:00+01:00``."""
    offset = datetime.fromisoformat(local) - datetime.fromisoformat(gmt)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{local}{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def text_of(rendered: str) -> str:
    """The text of an HTML snippet (a rendered title): tags dropped, entities decoded."""
    return " ".join(_fragment(rendered).text_content().split())


def _fragment(rendered: str) -> Any:
    return lxml.html.fragment_fromstring(rendered or "<div></div>", create_parent="div")


def content_words(rendered: str) -> str:
    """The body's words, one space apart (block boundaries break words, inline ones do not)."""
    parts: list[str] = []

    def walk(el: Any) -> None:
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            return
        breaks = el.tag not in INLINE
        if breaks:
            parts.append(" ")
        parts.append(el.text or "")
        for child in el:
            walk(child)
            parts.append(child.tail or "")
        if breaks:
            parts.append(" ")

    walk(_fragment(rendered))
    return " ".join("".join(parts).split())


def images(rendered: str) -> list[str]:
    return list(dict.fromkeys(src for src in _fragment(rendered).xpath("//img/@src") if src))


def links(rendered: str, page: str) -> list[str]:
    hrefs = (href.strip() for href in _fragment(rendered).xpath("//a/@href"))
    absolute = (urljoin(page, h).partition("#")[0] for h in hrefs
                if h and not h.lower().startswith(SKIPPED_LINKS))
    return list(dict.fromkeys(absolute))
