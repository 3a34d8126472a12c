"""The post's node in the page's JSON-LD (Yoast, Rank Math, theme schema), references resolved."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

_ARTICLE_TYPES = frozenset(("Article", "BlogPosting", "NewsArticle", "TechArticle", "Report",
                            "ScholarlyArticle", "SocialMediaPosting", "LiveBlogPosting",
                            "OpinionNewsArticle", "AnalysisNewsArticle", "ReportageNewsArticle"))
_PAGE_TYPES = frozenset(("WebPage", "ItemPage", "AboutPage", "ContactPage", "CollectionPage"))
_WRAPPERS = re.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[)|(?:-->|//\s*\]\]>)\s*$")


@dataclass(frozen=True)
class JsonLd:
    """All JSON-LD nodes of a page (``@graph`` flattened) and a by-``@id`` index."""

    nodes: list[dict[str, Any]] = field(default_factory=list)
    by_id: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def parse(cls, scripts: Iterable[str]) -> JsonLd:
        nodes: list[dict[str, Any]] = []
        for script in scripts:
            try:
                data = json.loads(_WRAPPERS.sub("", script), strict=False)
            except (ValueError, RecursionError):
                # Broken markup is common in archives, and a hostile page may nest deeper than
                # the parser recurses: other sources remain.
                continue
            nodes.extend(_flatten(data))
        by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
        return cls(nodes, by_id)

    @property
    def article(self) -> dict[str, Any]:
        """The Article-like node, else the WebPage node, else an empty dict."""
        for wanted in (_ARTICLE_TYPES, _PAGE_TYPES):
            for node in self.nodes:
                if wanted.intersection(_types(node)):
                    return node
        return {}

    @property
    def article_type(self) -> str | None:
        """"article" when the page describes an Article-like node, "page" for a WebPage only."""
        if any(_ARTICLE_TYPES.intersection(_types(node)) for node in self.nodes):
            return "article"
        if any(_PAGE_TYPES.intersection(_types(node)) for node in self.nodes):
            return "page"
        return None

    def get(self, key: str) -> Any:
        """``key`` of the article node, falling back to the page node (Yoast puts dates there)."""
        value = self.article.get(key)
        if value in (None, "", []):
            for node in self.nodes:
                if _PAGE_TYPES.intersection(_types(node)) and node.get(key) not in (None, "", []):
                    return node[key]
        return value

    def string(self, key: str) -> str | None:
        value = self.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if isinstance(value, dict):
            value = value.get("name") or value.get("@value")
        return str(value).strip() if value not in (None, "") else None

    def strings(self, key: str) -> list[str]:
        """A list-valued or comma-separated property (``keywords``, ``articleSection``)."""
        value = self.get(key)
        if isinstance(value, str):
            value = value.split(",")
        if not isinstance(value, list):
            return []
        return [str(v).strip() for v in value if isinstance(v, (str, int)) and str(v).strip()]

    def author(self) -> dict[str, Any]:
        """The first author node, ``@id`` references resolved; ``{"name": s}`` for a bare string."""
        value = self.get("author")
        if isinstance(value, list):
            value = value[0] if value else None
        if isinstance(value, str):
            return {"name": value}
        if not isinstance(value, dict):
            return {}
        ref = value.get("@id")
        return {**self.by_id.get(ref, {}), **value} if isinstance(ref, str) else value


def _flatten(data: Any) -> list[dict[str, Any]]:
    """The nodes of ``data`` in order: lists and ``@graph`` lists opened, at any depth (with a
    stack of its own: JSON nested deeper than Python recurses is no reason to fail)."""
    nodes: list[dict[str, Any]] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict) and isinstance(item.get("@graph"), list):
            item = item["@graph"]
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            nodes.append(item)
    return nodes


def _types(node: dict[str, Any]) -> list[str]:
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, str)]
