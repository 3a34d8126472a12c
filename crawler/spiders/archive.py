"""``scrapy crawl archive``: walk an archived WordPress site and yield its posts.

The spider only routes. The source (``crawler.sources``) says where bytes come from, the routing
table (``crawler.routing``) what to follow, the page parsers (``crawler.pages``) what a page holds.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, UsageError
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.args import CrawlArgs
from crawler.items import Post
from crawler.pages import PostPage, SiteProfile, offered_links
from crawler.routing import Bounds, classify
from crawler.sources import ArchiveSource, capture_of, source_from_crawler
from crawler.state import KNOWN_CAPTURE_META
from crawler.urls import SiteUrls, slug_of

# Page kinds whose links lead nowhere useful: an attachment page links the image's variants, an
# error page the whole site (a 404 page's sidebar must not restart the crawl from everywhere).
DEAD_ENDS = frozenset({"attachment", "error"})
ITEM_KINDS = frozenset({"post", "page", "unknown"})
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
    links_seen: set[str]
    requested: set[str]
    profile: SiteProfile

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
        spider.links_seen = set()
        spider.requested = set()
        spider.profile = SiteProfile()
        return spider

    async def start(self) -> AsyncIterator[Request]:
        self.logger.info("Crawling %s", self.archive_source.describe())
        async for url in self.archive_source.seed_urls():
            request = self.follow(url)
            if request is not None:
                yield request

    def follow(self, url: str) -> Request | None:
        """A request for an original URL, or ``None`` when it was already seen or the table
        refuses it (each refused link counted once, by reason)."""
        if url in self.links_seen:
            return None
        self.links_seen.add(url)
        stats = self.crawler.stats
        assert stats is not None
        canonical = self.site.canonical(url)
        if canonical is None:
            stats.inc_value("archive/refused/offsite")
            return None
        route = classify(canonical, self.bounds)
        if route.kind is None:
            stats.inc_value(f"archive/refused/{route.reason}")
            self.logger.debug("Not following %s (%s)", canonical, route.reason)
            return None
        if canonical in self.requested:
            return None
        self.requested.add(canonical)
        return Request(canonical, callback=self.parse, errback=self.failed,
                       priority=route.kind.priority, meta={"route": route.kind.name})

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Post | Request]:
        stats = self.crawler.stats
        assert stats is not None
        known_links = response.meta.get(KNOWN_CAPTURE_META)
        if known_links is not None:
            # A post capture the state store already has: no item, walk on from its links.
            for link in known_links:
                request = self.follow(link)
                if request is not None:
                    yield request
            return
        if not isinstance(response, TextResponse):
            stats.inc_value("archive/pages/not_html")
            return
        page = PostPage(response.selector, response.url, _headers(response), self.profile)
        kind = page.kind
        stats.inc_value(f"archive/pages/{kind}")
        if kind in ITEM_KINDS:
            yield self.post_from(page, response)
        if kind in DEAD_ENDS:
            return
        links = offered_links(response.selector, response.url)
        if links.unread:
            stats.inc_value("archive/refused/page_link_cap", links.unread)
            self.logger.warning("Read only the first links of %s; %d more not followed",
                                response.url, links.unread)
        for link in links.urls:
            request = self.follow(link)
            if request is not None:
                yield request

    def post_from(self, page: PostPage, response: Response) -> Post:
        fields = page.fields()
        declared = self.site.canonical(fields.pop("canonical", None) or "")
        url = declared or self.site.canonical(response.url) or response.url
        capture = capture_of(response)
        return Post(site=self.site.root, url=url, slug=slug_of(url), page_kind=page.kind,
                    archive_url=capture.archive_url, captured_at=capture.captured_at,
                    source=capture.source, **fields)

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
        if failure.check(HttpError):
            status = failure.value.response.status
            stats.inc_value(f"archive/http_status/{status}")
            # Expected in archives (pages never captured, pagination past the end): the summary
            # line counts them; one log line each would bury everything else.
            self.logger.debug("Got HTTP %s for %s: nothing to read there", status, url)
            return
        if failure.check(IgnoreRequest):  # a source gave up on purpose (e.g. the crawl is stopping)
            stats.inc_value("archive/ignored")
            self.logger.info("Not fetched %s: %s", url, failure.getErrorMessage())
            return
        stats.inc_value(f"archive/errors/{failure.type.__name__}")
        self.logger.error("Failed to fetch %s: %s", url, failure.getErrorMessage())


def _headers(response: Response) -> dict[str, str]:
    return {k.decode("latin-1"): v.decode("latin-1")
            for k, v in ((k, b", ".join(vs)) for k, vs in response.headers.items())}
