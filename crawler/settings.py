"""The one place where the crawler is wired, in flow order (DESIGN.md).

Every ``ARCHIVE_*`` setting can be given as a spider argument where noted (``-a site=...``) or with
``-s NAME=value``.
"""

BOT_NAME = "archive-crawler"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# --- What to crawl -----------------------------------------------------------------------------
ARCHIVE_SITE = "https://www.example.org"
"""Root URL of the original site (``-a site=``). The default is the sample archive's site."""
ARCHIVE = "sample_archive"
"""Where its pages are (``-a archive=``): ``live`` or a mirror folder. Relative folders are looked
up in the working directory, then in the project folder."""
ARCHIVE_FROM = None
"""Oldest capture to use, ``YYYYMMDD[hhmmss]`` (``-a from=``), for archives with capture times."""
ARCHIVE_TO = None
"""Newest capture to use (``-a to=``); default: the latest."""

# --- Link walking (crawler.routing) ------------------------------------------------------------
ARCHIVE_MAX_PAGE = 5000
"""Listing pages past this number (``/page/N/``, ``?paged=N``) are traps, not pages."""
REQUEST_FINGERPRINTER_CLASS = "crawler.fingerprint.CanonicalUrlFingerprinter"

# --- Sources (crawler.sources): the only layer that knows about archives -----------------------
DOWNLOADER_MIDDLEWARES = {
    # Last before the download handlers: sees the request after retry/redirect bookkeeping.
    "crawler.middlewares.ArchiveSourceMiddleware": 950,
}
ROBOTSTXT_OBEY = False  # archives of seized sites have no robots.txt of their own to honour
USER_AGENT = "archive-crawler/0.1 (research crawler for archived WordPress sites)"
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 8
AUTOTHROTTLE_ENABLED = False
RETRY_TIMES = 3
HTTPERROR_ALLOWED_CODES: list[int] = []

# --- Items (crawler.pipelines), in flow order --------------------------------------------------
ITEM_PIPELINES = {
    "crawler.pipelines.NormalizePipeline": 100,
    "crawler.pipelines.ValidatePipeline": 200,
    "crawler.pipelines.DedupePipeline": 300,
}

# --- Output (crawler.exporters): FEEDS / -O exports/posts.json|jsonl|csv -----------------------
FEED_EXPORTERS = {
    "json": "crawler.exporters.PostJsonItemExporter",
    "jsonlines": "crawler.exporters.PostJsonLinesItemExporter",
    "jsonl": "crawler.exporters.PostJsonLinesItemExporter",
    "csv": "crawler.exporters.PostCsvItemExporter",
}
FEED_EXPORT_ENCODING = "utf-8"
FEED_EXPORT_FIELDS = [
    "post_id", "site", "url", "slug", "title", "author", "author_slug", "published", "modified",
    "categories", "tags", "content_html", "content_text", "word_count", "images", "links",
    "comment_count", "archive_url", "captured_at", "source",
]  # == crawler.items.POST_FIELDS (a test keeps them equal)
FEED_STORE_EMPTY = True
FEEDS = {"exports/%(name)s_%(time)s.jsonl": {"format": "jsonlines"}}
"""Where ``scrapy crawl archive`` writes when no ``-o``/``-O`` is given (``-O`` replaces it)."""

# --- Progress (crawler.progress) ---------------------------------------------------------------
EXTENSIONS = {
    "scrapy.extensions.logstats.LogStats": None,
    "crawler.progress.ProgressLog": 500,
}
ARCHIVE_PROGRESS_INTERVAL = 30.0
"""Seconds between progress lines; 0 switches them off (the final summary too)."""
LOG_LEVEL = "INFO"
LOG_FORMATTER = "crawler.logformatter.PostLogFormatter"

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
