"""A live site, or any plain HTTP server holding a copy of one: Scrapy downloads it as it is."""

from crawler.sources.base import ArchiveSource


class LiveSource(ArchiveSource):
    """The base behaviour: no capture to locate, Scrapy downloads the original URL."""

    name = "live"
