"""What each feed of a crawl holds and whether it can be written as asked, decided before the
crawl starts (:class:`crawler.feedexport.GuardedFeedExporter` calls it)."""

from __future__ import annotations

from pathlib import PureWindowsPath
from typing import Any
from urllib.parse import urlparse

from scrapy.exceptions import NotConfigured
from scrapy.extensions.feedexport import FeedExporter
from scrapy.settings import BaseSettings

from crawler.exporters import LatestVersionMixin
from crawler.items import COMMENT_FIELDS, Comment, Post

POSTS = "crawler.items.Post"
"""The dataset of a feed that names no ``item_classes``."""


def comments_wanted(settings: BaseSettings) -> bool:
    """Whether anything takes the comments: the state store (``scrapy export --comments``
    reads them there) or a feed of ``crawler.items.Comment``. Without either, the spider need
    not read them at all."""
    if (settings.get("ARCHIVE_STATE") or "").strip():
        return True
    for options in settings.getdict("FEEDS").values():
        classes = (options or {}).get("item_classes") or ()
        if any(c is Comment or c == "crawler.items.Comment" for c in classes):
            return True
    return False


class FeedRules:
    """The feeds of one :class:`FeedExporter`, checked and completed in place."""

    def __init__(self, exporter: FeedExporter) -> None:
        self.exporter = exporter
        self.asked = exporter.settings.getdict("FEEDS")

    def apply(self) -> str | None:
        """Give each feed its dataset and columns; the reason a feed is refused, if one is."""
        for uri, options in self.exporter.feeds.items():
            why = self._complete(uri, options)
            if why:
                return why
        return None

    def unsupported(self) -> str:
        """Why Scrapy switched the feeds off, in one line saying what to do."""
        for uri, options in self.exporter.feeds.items():
            why = self._storage_problem(uri, options) or self._format_problem(uri, options)
            if why:
                return why
        return ("the feeds cannot be written as asked (see the error above); "
                f"fix {', '.join(self.exporter.feeds)}")

    def _complete(self, uri: str, options: dict[str, Any]) -> str | None:
        asked = self._asked(uri)
        if not self.exporter.filters[uri].item_classes and "item_filter" not in asked:
            options["item_classes"] = [POSTS]
            self.exporter.filters[uri] = self.exporter._load_filter(options)
        classes = self.exporter.filters[uri].item_classes
        if Comment in classes and Post in classes:
            return (f"the feed {uri} asks for posts and comments: give each its own feed "
                    "(FEEDS item_classes), their columns differ")
        if Comment in classes and "fields" not in asked:
            options["fields"] = list(COMMENT_FIELDS)
        return self._format_problem(uri, options)

    def _asked(self, uri: str) -> dict[str, Any]:
        return next((dict(v) for k, v in self.asked.items() if str(k) == uri), {})

    def _format_problem(self, uri: str, options: dict[str, Any]) -> str | None:
        fmt = options.get("format")
        known = ", ".join(sorted(self.exporter.exporters))
        exporter = self.exporter.exporters.get(fmt or "")
        if exporter is None:
            return f"the feed {uri} has no known format ({fmt!r}): use one of {known}"
        if not issubclass(exporter, LatestVersionMixin):
            return (f"the {fmt} feed {uri} would keep every version of a post "
                    f"({exporter.__name__} is not one of crawler.exporters'): use one of {known}")
        return None

    def _storage_problem(self, uri: str, options: dict[str, Any]) -> str | None:
        scheme = urlparse(uri).scheme
        if scheme not in self.exporter.storages and not PureWindowsPath(uri).drive:
            return f"the feed {uri} has an unknown storage scheme {scheme!r}"
        try:
            self.exporter._get_storage(uri, options)
        except NotConfigured as exc:
            hint = " (pip install boto3)" if scheme == "s3" else \
                " (pip install google-cloud-storage)" if scheme == "gs" else ""
            return f"the feed {uri} cannot be written: {scheme}:// feeds are disabled: {exc}{hint}"
        return None
