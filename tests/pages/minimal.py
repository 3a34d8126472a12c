"""Minimal pages around one source, for tests of single fields."""

from __future__ import annotations

from typing import Any

from parsel import Selector

from crawler.pages import PostPage

URL = "https://example.org/2020/01/02/a-post/"


def page(body: str, head: str = "", body_class: str = "single single-post postid-7",
         headers: Any = None) -> PostPage:
    """A PostPage of ``<head>{head}</head><body class=...>{body}</body>``."""
    html = f'<html><head>{head}</head><body class="{body_class}">{body}</body></html>'
    return PostPage(Selector(text=html), URL, headers)


def fields(body: str, head: str = "", **kwargs: Any) -> dict[str, Any]:
    return page(body, head, **kwargs).fields()
