"""Spider arguments (``-a name=value``), validated once and written into Scrapy settings.

Settings are the one configuration path: ``-a site=X`` is the same as ``-s ARCHIVE_SITE=X``, so
every component reads what it needs in ``from_crawler`` and nothing reads spider attributes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from scrapy.settings import Settings

from crawler.urls import SiteUrls

_BOOLEANS = ("1", "0", "true", "false", "True", "False")  # what Settings.getbool reads
_TIMESTAMP = re.compile(r"\d{4}(?:\d{2}(?:\d{2}(?:\d{2}(?:\d{2}(?:\d{2})?)?)?)?)?")
_SEPARATORS = re.compile(r"(?<=\d)[-:T ](?=\d)")
_EARLIEST = "00010101000000"
"""What a partial timestamp is completed with to be checked as a date (``2019`` -> 2019-01-01)."""


def _window_bound(flag: str, value: str) -> str:
    try:
        return timestamp(value)
    except ValueError:
        raise ValueError(f"-a {flag}={value!r}: expected a date or timestamp, "
                         f"YYYY[MM[DD[hhmmss]]] or YYYY-MM-DD") from None


def timestamp(value: str) -> str:
    """*value* as a Wayback timestamp ``YYYY[MM[DD[hh[mm[ss]]]]]``: also given as ``2019-06``,
    ``2019-06-30`` or ``2019-06-30T12:00``, like ``scrapy export --from``. A month 13 or a
    February 30 is refused (``ValueError``)."""
    digits = _SEPARATORS.sub("", value.strip())
    if not _TIMESTAMP.fullmatch(digits):
        raise ValueError(value)
    datetime.strptime(digits + _EARLIEST[len(digits):], "%Y%m%d%H%M%S")  # ranges checked
    return digits


@dataclass(frozen=True)
class CrawlArgs:
    """What a user may pass with ``-a``; ``None`` means "use the setting"."""

    site: str | None = None
    archive: str | None = None
    since: str | None = None
    """``-a from=YYYY[MM[DD[hhmmss]]]``: oldest capture to use (archives with capture times)."""
    until: str | None = None
    """``-a to=YYYY[MM[DD[hhmmss]]]``: newest capture to use."""
    full_recrawl: str | None = None
    """``-a full_recrawl=1``: refetch every capture and export every post (state store)."""
    comments: str | None = None
    """``-a comments=exports/comments.jsonl``: the feed (a path or URI) the comments go to."""

    SETTINGS = {"site": "ARCHIVE_SITE", "archive": "ARCHIVE", "since": "ARCHIVE_FROM",
                "until": "ARCHIVE_TO", "full_recrawl": "ARCHIVE_FULL_RECRAWL",
                "comments": "ARCHIVE_COMMENTS"}
    ALIASES = {"from": "since", "to": "until"}
    HELP = (
        ("site=URL", "root of the original site, e.g. https://www.deepdotweb.com"),
        ("archive=WHERE", "live, wayback, a replay prefix URL (pywb), a WARC file or folder,"
                          " or a mirror folder"),
        ("from=YYYY[MM[DD[hhmmss]]]", "oldest capture to use (archives with capture times);"
                                      " 2019-06-30 works too"),
        ("to=YYYY[MM[DD[hhmmss]]]", "newest capture to use (default: the latest)"),
        ("full_recrawl=1", "refetch every capture and export every post"),
        ("comments=FILE", "the feed the comments go to (replaced each run, like -O)"),
    )
    """``-a`` arguments as ``scrapy crawl archive -h`` lists them."""

    @classmethod
    def from_spider_kwargs(cls, kwargs: dict[str, Any]) -> CrawlArgs:
        """Take (and remove) the known arguments from *kwargs*; raise ``ValueError`` if one is
        invalid or unknown (a typo such as ``-a achive=`` must not crawl the default archive).
        Names starting with ``_`` are scrapyd's own (``_job``) and are left in *kwargs*."""
        values: dict[str, str] = {}
        for key in list(kwargs):
            name = cls.ALIASES.get(key, key)
            if name in cls.SETTINGS:
                values[name] = str(kwargs.pop(key)).strip()
        unknown = sorted(key for key in kwargs if not key.startswith("_"))
        if unknown:
            known = ", ".join(f"-a {usage.split('=')[0]}=" for usage, _ in cls.HELP)
            raise ValueError(f"unknown spider argument{'s' if len(unknown) > 1 else ''} "
                             f"{', '.join(f'-a {k}=' for k in unknown)}: the archive spider "
                             f"takes {known}")
        for name, flag in (("since", "from"), ("until", "to")):
            if name in values:  # as a Wayback timestamp: 2019-06 -> 201906
                values[name] = _window_bound(flag, values[name])
        args = cls(**values)
        args.validate()
        return args

    @classmethod
    def usage(cls) -> str:
        """The arguments, one per line, for ``-h``."""
        return "\n".join(f"  -a {name:<24} {meaning}" for name, meaning in cls.HELP)

    def validate(self) -> None:
        if self.site is not None:
            SiteUrls(self.site)
        since, until = self.since, self.until
        if since and until and since > until[: len(since)]:
            raise ValueError(f"-a from={self.since} is after -a to={self.until}")
        if self.full_recrawl is not None and self.full_recrawl not in _BOOLEANS:
            raise ValueError(f"-a full_recrawl={self.full_recrawl!r}: expected 1 or 0")

    def apply(self, settings: Settings) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if value is not None:
                settings.set(self.SETTINGS[field.name], value, priority="spider")
        add_comments_feed(settings)


def add_comments_feed(settings: Settings) -> None:
    """Add ``ARCHIVE_COMMENTS`` (``-a comments=``) to ``FEEDS`` as a feed of comments, in the
    format its extension names; ``ValueError`` when it has none or is the posts' feed too."""
    uri = (settings.get("ARCHIVE_COMMENTS") or "").strip()
    if not uri:
        return
    fmt = PurePosixPath(urlsplit(uri).path if "://" in uri else uri).suffix.lstrip(".").lower()
    exporters = settings.getwithbase("FEED_EXPORTERS")
    if fmt not in exporters:
        raise ValueError(f"-a comments={uri}: name a file ending in one of "
                         + ", ".join(f".{name}" for name in sorted(exporters)))
    feeds = settings.getdict("FEEDS")
    if any(str(other) == uri for other in feeds):
        raise ValueError(f"-a comments={uri} is also a feed of posts: give the comments a file "
                         "of their own")
    # Replaced on every run, like -O: appended JSON arrays would not even parse.
    feeds[uri] = {"format": fmt, "item_classes": ["crawler.items.Comment"], "overwrite": True}
    settings.set("FEEDS", feeds, priority=max(settings.getpriority("FEEDS") or 0, 30))
