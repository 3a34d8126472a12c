"""Archive sources: the only code that knows where the bytes of an original URL live."""

from __future__ import annotations

from pathlib import Path

from scrapy.crawler import Crawler

from crawler.paths import in_project
from crawler.sources.base import CAPTURE_META, ArchiveSource, Capture, CrawlStats, capture_of
from crawler.sources.limits import MAX_PAGE_BYTES
from crawler.sources.live import LiveSource
from crawler.sources.mirror import MirrorSource
from crawler.sources.warc import WarcSource, is_warc_path
from crawler.sources.wayback import WaybackSource
from crawler.urls import SiteUrls

__all__ = ["CAPTURE_META", "ArchiveSource", "Capture", "capture_of", "source_from_crawler"]


def source_from_crawler(crawler: Crawler) -> ArchiveSource:
    """Build the source named by ``ARCHIVE`` for the site ``ARCHIVE_SITE``.

    ``ARCHIVE`` is ``live``, ``wayback`` (the Internet Archive), a Wayback-style replay prefix URL
    (pywb, OpenWayback), a WARC file or a folder of them, or a mirror folder (relative paths are
    tried against the working directory, then the project folder holding ``scrapy.cfg``). Raises
    ``ValueError`` with a message meant for the person who typed it.
    """
    settings = crawler.settings
    site = SiteUrls(settings.get("ARCHIVE_SITE") or "")
    archive = (settings.get("ARCHIVE") or "").strip()
    if not archive:
        raise ValueError("no archive given: use -a archive=live, wayback, a replay prefix URL, "
                         "a WARC file or folder, or a mirror folder")
    if archive == "live":
        return LiveSource(site, CrawlStats(crawler))
    if archive == "wayback" or archive.startswith(("http://", "https://")):
        return WaybackSource.from_crawler(crawler, site, archive)
    path = resolve_path(archive)
    if path.exists() and is_warc_path(path):
        return WarcSource.from_crawler(crawler, site, path)
    max_bytes = settings.getint("ARCHIVE_MAX_PAGE_BYTES", MAX_PAGE_BYTES)
    return MirrorSource(site, path, CrawlStats(crawler), max_bytes=max_bytes)


def resolve_path(value: str) -> Path:
    """An archive path, made absolute: as given when it exists (relative to the working
    directory), else in the project folder (so the sample archive is found from anywhere in the
    project)."""
    path = Path(value).expanduser()
    if path.exists():
        return path.absolute()  # archive_url is a file:// URI, which needs an absolute path
    project_path = in_project(value)
    return project_path.absolute() if project_path.exists() else path
