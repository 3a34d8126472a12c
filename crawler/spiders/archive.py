"""``scrapy crawl archive``: walk an archived WordPress site and yield its posts.

The spider only routes. The source (``crawler.sources``) says where bytes come from, the routing
table (``crawler.routing``) what to follow, the page parsers (``crawler.pages``) what a page holds.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

from scrapy import Request, Selector, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, StopDownload, UsageError
from scrapy.http import Response, TextResponse
from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler import settings as project_settings
from crawler.args import CrawlArgs
from crawler.distributed import wiring as distributed
from crawler.environment import apply_environment
from crawler.feedcheck import comments_wanted
from crawler.items import Comment, Post
from crawler.pages import (
    PostPage,
    SiteProfile,
    comment_page_links,
    offered_links,
    page_comments,
)
from crawler.pages.datetext import parse_iso
from crawler.routing import LISTING_ROUTES, Bounds, PageKind, classify, comment_page
from crawler.seen import SeenUrls
from crawler.sources import ArchiveSource, capture_of, source_from_crawler
from crawler.sources.limits import is_size_refusal
from crawler.state import KNOWN_CAPTURE_META
from crawler.urls import SiteUrls, slug_of

# Page kinds whose links lead nowhere useful: an attachment page links the image's variants, an
# error page the whole site (a 404 page's sidebar must not restart the crawl from everywhere).
DEAD_ENDS = frozenset({"attachment", "error"})
ITEM_KINDS = frozenset({"post", "page", "unknown"})
COMMENT_KINDS = frozenset({"post", "unknown"})
"""Pages whose comments are kept: a static page's comments belong to no post of the dataset."""
COMPONENT_SETTINGS = ("EXTENSIONS", "ITEM_PIPELINES", "SPIDER_MIDDLEWARES",
                      "DOWNLOADER_MIDDLEWARES")
"""The project's component dicts, each of which a command-line setting would replace whole."""
START_QUEUE = 512
"""Requests the scheduler may hold before the spider makes more from the archive's list."""
START_WAIT = 0.05
"""Seconds between looks at the scheduler while it is full."""
NO_POSTS_STAT = "archive/no_posts_found"
"""Set (to 1) when a crawl fetched pages but found no post: ``scrapy crawl`` then exits 1."""


def no_posts_found(stats: dict[str, Any]) -> bool:
    """Pages were fetched, yet no post reached the pipelines' end or was known from a last run."""
    return (stats.get("response_received_count", 0) > 0
            and not stats.get("archive/posts/unique", 0)
            and not stats.get("archive/state/skipped_known_capture", 0))


class ArchiveSpider(Spider):
    """Arguments: ``site`` (root URL), ``archive`` (``live`` or a mirror folder), ``from``/``to``.

    Without arguments it crawls ``ARCHIVE_SITE`` from ``ARCHIVE`` (the sample archive).
    """

    name = "archive"
    archive_source: ArchiveSource
    allowed_domains: list[str]
    site: SiteUrls
    bounds: Bounds
    links_seen: SeenUrls
    requested: SeenUrls
    profile: SiteProfile
    start_room = 0
    """Start requests that may still be made before looking at the scheduler again."""
    read_comments: bool
    """Whether comments are read (``feedcheck.comments_wanted``): with no state store and no
    comments feed, nobody would take them."""

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        """Scrapy's hook when a crawl's settings are made: ``ARCHIVE*`` environment variables
        go over ``settings.py`` (``crawler.environment``); a Redis URL makes the crawl part of a
        distributed run (``crawler.distributed.wiring``)."""
        super().update_settings(settings)
        apply_environment(settings)
        distributed.configure(settings)  # only with ARCHIVE_REDIS_URL / REDIS_URL

    @classmethod
    def check_arguments(cls, crawler: Crawler, kwargs: dict[str, Any]) -> None:
        """Raise ``ValueError`` for an unknown or invalid ``-a`` argument, or an archive that
        cannot be read, before the crawl starts (``scrapy crawl`` turns it into a usage error)."""
        CrawlArgs.from_spider_kwargs(kwargs).apply(crawler.settings)
        source_from_crawler(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> ArchiveSpider:
        try:
            CrawlArgs.from_spider_kwargs(kwargs).apply(crawler.settings)
            source = source_from_crawler(crawler)
        except ValueError as exc:
            raise UsageError(str(exc)) from exc
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.archive_source = source
        spider.site = source.site
        spider.bounds = Bounds(max_page=crawler.settings.getint("ARCHIVE_MAX_PAGE"))
        spider.allowed_domains = [source.site.host.split(":")[0]]
        # Every page repeats the same menus and sidebars: decide each spelling of a link once, and
        # hand the scheduler each canonical URL once, instead of thousands of filtered duplicates.
        spider.links_seen = SeenUrls()
        spider.requested = SeenUrls()
        spider.profile = SiteProfile()
        spider.read_comments = (comments_wanted(crawler.settings)
                                or crawler.settings.getbool(distributed.READ_COMMENTS_SETTING))
        return spider

    async def start(self) -> AsyncIterator[Request]:
        self.logger.info("Crawling %s", self.archive_source.describe())
        self._say_if_default_archive()
        self._say_if_components_replaced()
        async for url in self.archive_source.seed_urls():
            request = self.follow(url)
            if request is not None:
                await self._room_in_queue()
                yield request

    async def _room_in_queue(self) -> None:
        """Wait while the scheduler holds ``START_QUEUE`` requests or more: Scrapy takes start
        requests as fast as they come, and a mirror of 100,000 posts enumerates 300,000 files
        (a request each, held until fetched); this way they are made as they are needed. The
        scheduler is looked at once per batch of room (in a distributed run its length is a
        round trip to Redis)."""
        if self.start_room > 0:
            self.start_room -= 1
            return
        scheduler = self.crawler.engine.scheduler if self.crawler.engine else None
        if scheduler is None or not hasattr(scheduler, "__len__"):
            return
        while (held := len(scheduler)) >= START_QUEUE and self.crawler.crawling:
            await asyncio.sleep(START_WAIT)
        self.start_room = START_QUEUE - held - 1

    def _say_if_default_archive(self) -> None:
        """Crawling the sample archive is the point of a bare ``scrapy crawl archive``; with a
        ``-a site=`` of one's own it is a forgotten ``-a archive=``."""
        settings = self.crawler.settings
        if settings.getpriority("ARCHIVE") != SETTINGS_PRIORITIES["project"]:  # settings.py's
            return
        level = logging.WARNING if settings.getpriority("ARCHIVE_SITE") == SETTINGS_PRIORITIES[
            "spider"] else logging.INFO
        self.logger.log(level, "No -a archive= given: reading the ARCHIVE setting's default, "
                               "%r (the sample archive that ships with the project)",
                        settings.get("ARCHIVE"))

    def _say_if_components_replaced(self) -> None:
        """``-s EXTENSIONS='{...}'`` (or ITEM_PIPELINES, or a middlewares dict) on the command
        line replaces the project's dict, not adds to it (Scrapy merges only its own defaults):
        the state store, the merge or the guarded feeds would be off without a word. A
        component the project enables that is no longer named at all is said (one named with
        ``null`` was switched off on purpose)."""
        settings = self.crawler.settings
        for name in COMPONENT_SETTINGS:
            given = settings.getwithbase(name)
            dropped = [path for path, order in getattr(project_settings, name).items()
                       if order is not None and path not in given]
            if dropped:
                self.logger.warning(
                    "%s given on the command line replaces the project's: %s no longer run. "
                    "Name them too (or set one to null to switch it off on purpose)",
                    name, ", ".join(dropped))

    def follow(self, url: str) -> Request | None:
        """A request for an original URL, or ``None`` when it was already seen or the table
        refuses it (each refused link counted once, by reason)."""
        if not self.links_seen.add(url):
            return None
        stats = self.crawler.stats
        assert stats is not None
        canonical = self.site.canonical(url)
        if canonical is None:
            stats.inc_value("archive/refused/offsite")
            return None
        if canonical in self.requested:  # e.g. a comment page its post's page asked for
            return None
        route = classify(canonical, self.bounds)
        if route.kind is None:
            stats.inc_value(f"archive/refused/{route.reason}")
            self.logger.debug("Not following %s (%s)", canonical, route.reason)
            return None
        self.requested.add(canonical)
        return Request(canonical, callback=self.parse, errback=self.failed,
                       priority=route.kind.priority, meta={"route": route.kind.name})

    def follow_comments(self, url: str, post_url: str) -> Request | None:
        """A request for one of the post at *post_url*'s comment pages, or ``None`` when *url*
        is no comment page of that post (or was requested already)."""
        canonical = self.site.canonical(url)
        if canonical is None or canonical in self.requested:
            return None
        if comment_page(canonical, self.bounds) != post_url:
            return None
        self.requested.add(canonical)
        return Request(canonical, callback=self.parse, errback=self.failed,
                       priority=PageKind.COMMENTS.priority,
                       meta={"route": PageKind.COMMENTS.name})

    def parse(self, response: Response, **kwargs: Any) -> list[Post | Comment | Request]:
        """The page's post, if it is one, its comments (when something takes them), and
        requests for the links the table follows.

        All read at once, so the page's parsed tree (~20 times its bytes) can go before its
        items have been through the pipelines (all the sooner as ``CONCURRENT_ITEMS`` is low).

        ``scrapy check archive`` runs these contracts against the sample archive (the fields
        checked are those a post and a comment both have):

        @url https://www.example.org/2016/01/29/thechurch-shipped-forged-passports-from-vienna/
        @returns items 1
        @returns requests 1
        @scrapes post_id site author published content_text
        """
        return list(self._outputs(response))

    def _outputs(self, response: Response) -> Iterator[Post | Comment | Request]:
        stats = self.crawler.stats
        assert stats is not None
        known_links = response.meta.get(KNOWN_CAPTURE_META)
        if known_links is not None:
            # A capture the state store already has: no item, walk on from its links.
            yield from self.walk_known(response.url, known_links)
            return
        if not isinstance(response, TextResponse):
            stats.inc_value("archive/pages/not_html")
            return
        selector = _selector(response)
        page = PostPage(selector, response.url, _headers(response), self.profile)
        kind = page.kind
        stats.inc_value(f"archive/pages/{kind}")
        if response.meta.get("route") == PageKind.COMMENTS.name:
            # Another page of a post's comments: its comments only (the post is its own page's).
            if kind in COMMENT_KINDS:
                yield from self.comments_from(page, self.post_from(page, response), response)
            return
        if kind in ITEM_KINDS:
            post = self.post_from(page, response)
            yield post
            if kind in COMMENT_KINDS and self.read_comments:
                yield from self.comments_from(page, post, response)
        if kind in DEAD_ENDS:
            return
        links = offered_links(selector, response.url)
        if links.unread:
            stats.inc_value("archive/refused/page_link_cap", links.unread)
            self.logger.warning("Read only the first links of %s; %d more not followed",
                                response.url, links.unread)
        for link in links.urls:
            request = self.follow(link)
            if request is not None:
                yield request

    def walk_known(self, url: str, links: list[str]) -> Iterator[Request]:
        """Requests for the links a page at *url* led to when an earlier run read it (a capture
        the state store has, which is not fetched again)."""
        here = self._post_url(url)
        for link in links:
            request = self.follow_comments(link, here) or self.follow(link)
            if request is not None:
                yield request

    def post_from(self, page: PostPage, response: Response) -> Post:
        fields = page.fields()
        declared = self.site.canonical(fields.pop("canonical", None) or "")
        url = self._post_url(declared or response.url)
        capture = capture_of(response)
        return Post(site=self.site.root, url=url, slug=slug_of(url), page_kind=page.kind,
                    archive_url=capture.archive_url, captured_at=capture.captured_at,
                    source=capture.source, **fields)

    def comments_from(self, page: PostPage, post: Post,
                      response: Response) -> Iterator[Comment | Request]:
        """The comments *page* shows, then requests for the post's other comment pages."""
        capture = capture_of(response)
        published = parse_iso(post.published or "")
        offset = getattr(published, "tzinfo", None)
        found = page_comments(page.doc, offset)
        self.crawler.stats.inc_value("archive/comments/found", len(found))
        for fields in found:
            yield Comment(post_id=post.post_id, site=self.site.root, post_url=post.url,
                          archive_url=capture.archive_url, captured_at=capture.captured_at,
                          source=capture.source, **fields)
        for link in comment_page_links(page.doc):
            request = self.follow_comments(link, post.url)
            if request is not None:
                yield request

    def _post_url(self, url: str) -> str:
        """The canonical URL of the post *url* shows (a comment page's mark dropped)."""
        canonical = self.site.canonical(url) or url
        return comment_page(canonical, self.bounds) or canonical

    def closed(self, reason: str) -> None:
        """Say what the archive held (the site's life, its afterlife pages), and warn when pages
        were fetched but not one post was found: an exit status of 0 would hide that."""
        for line in self.archive_source.report():
            self.logger.info(line)
        stats = self.crawler.stats
        assert stats is not None
        if no_posts_found(stats.get_stats()):
            stats.set_value(NO_POSTS_STAT, 1)
            kinds = ", ".join(f"{k.rsplit('/', 1)[-1]}={v}" for k, v in
                              sorted(stats.get_stats().items())
                              if k.startswith(("archive/pages/", "archive/afterlife/rejected/")))
            self.logger.warning(
                "Fetched %d pages of %s but found no post in them (%s). Check -a site= and "
                "-a archive=, and the capture window (-a from=/to=).",
                stats.get_value("response_received_count", 0), self.site.root,
                kinds or "no HTML pages")

    def failed(self, failure: Failure) -> None:
        """Count and explain a request that produced no page (after retries)."""
        stats = self.crawler.stats
        assert stats is not None
        url = failure.request.url  # type: ignore[attr-defined]
        error = failure.value
        if isinstance(error, HttpError):
            status = error.response.status
            stats.inc_value(f"archive/http_status/{status}")
            # Expected in archives (pages never captured, pagination past the end): the summary
            # line counts them; one log line each would bury everything else.
            self.logger.debug("Got HTTP %s for %s: nothing to read there", status, url)
            return
        # Scrapy's DOWNLOAD_MAXSIZE, which our cap sets
        if error is not None and is_size_refusal(error):
            stats.inc_value("archive/too_large")
            self.logger.warning("Not reading %s: bigger than ARCHIVE_MAX_PAGE_BYTES (%s bytes)",
                                url, self.settings.getint("ARCHIVE_MAX_PAGE_BYTES"))
            return
        # On purpose (e.g. the crawl is stopping)
        if isinstance(error, (IgnoreRequest, StopDownload)):
            stats.inc_value("archive/ignored")
            self.logger.info("Not fetched %s: %s", url, failure.getErrorMessage())
            return
        stats.inc_value(f"archive/errors/{type(error).__name__}")
        self.logger.error("Failed to fetch %s: %s", url, failure.getErrorMessage())


def _selector(response: TextResponse) -> Selector:
    """The page's selector: a listing's is the response's own, which the coverage recorder
    reads again after the spider (``crawler.coverage``); a post page's is the spider's alone,
    left uncached so its tree is freed with the page object, not held by the response."""
    if response.meta.get("route") in LISTING_ROUTES:
        selector = response.selector
        # Scrapy's selector keeps its response, which caches the selector: a reference cycle,
        # so the tree (MBs) waited for Python's full garbage collections, made all the more
        # often by the cycles themselves (issue 14: 15% of a crawl's CPU, pauses of 0.7 s, peak
        # memory). Without the back reference it goes with the response.
        selector.response = None
        return selector
    return Selector(response)


def _headers(response: Response) -> dict[str, str]:
    return {k.decode("latin-1"): v.decode("latin-1")
            for k, v in ((k, b", ".join(vs)) for k, vs in response.headers.items())}
