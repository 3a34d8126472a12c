"""The one place where the crawler is wired, in data-flow order: sources, link walking, page
parsing, item pipelines, output (the README's "Project layout" says where each lives).

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
ARCHIVE_COMMENTS = ""
"""Feed the comments go to (``-a comments=exports/comments.jsonl``; a path or feed URI whose
extension names the format). Empty: comments reach no feed (the state store still keeps them for
``scrapy export --comments``; with the store off too, they are not read at all). ``FEEDS`` with
``item_classes: [crawler.items.Comment]`` works too."""

# --- Link walking (crawler.routing) ------------------------------------------------------------
ARCHIVE_MAX_PAGE = 5000
"""Listing pages past this number (``/page/N/``, ``?paged=N``) are traps, not pages."""
REQUEST_FINGERPRINTER_CLASS = "crawler.fingerprint.CanonicalUrlFingerprinter"
# Requests wait on disk, seen fingerprints take 60 bits each (crawler.scheduler): the frontier of
# a site of 100,000 posts is tens of thousands of requests.
SCHEDULER = "crawler.scheduler.DiskQueueScheduler"
DUPEFILTER_CLASS = "crawler.scheduler.CompactDupeFilter"
ARCHIVE_QUEUE_ON_DISK = True
"""Requests beyond ``ARCHIVE_QUEUE_MEMORY`` wait in a temporary folder (deleted at the end) when
no ``JOBDIR`` is set. False: all in memory, Scrapy's default (memory grows with the frontier)."""
ARCHIVE_QUEUE_MEMORY = 2000
"""Requests that wait in memory (~3 KB each) before the rest wait on disk."""

# --- Sources (crawler.sources): the only layer that knows about archives -----------------------
DOWNLOADER_MIDDLEWARES = {
    # Last before the download handlers: sees the request after retry/redirect bookkeeping.
    "crawler.middlewares.ArchiveSourceMiddleware": 950,
    # Sees what the source answered before redirects are followed (scrapy report).
    "crawler.coverage.CoverageDownloaderMiddleware": 900,
}
# Wayback-style archives and WARC files (crawler.sources.wayback, .warc, .ratelimit). Every request
# to an archive (index query or capture fetch) waits on one limiter; the defaults are safe for the
# Internet Archive, which blocks an IP for an hour (doubling on repeat) when 429s keep coming.
ARCHIVE_INDEX_RATE = 24.0
"""CDX (capture index) queries per minute; IA allows about 30, shared with timemaps. 0: no limit."""
ARCHIVE_PAGE_RATE = 240.0
"""Capture fetches per minute (4/s; IA tolerates about 8/s). 0: no limit (a local pywb)."""
ARCHIVE_BACKOFF_429 = 60.0
"""Seconds all archive requests pause after a 429 without ``Retry-After`` (doubling on repeat)."""
ARCHIVE_BACKOFF_503 = 15.0
"""Seconds they pause after a 502/503/504, a timeout or a dropped connection (doubling)."""
ARCHIVE_BACKOFF_BLOCKED = 3600.0
"""Seconds they pause after a refused connection: the archive's firewall blocked us (doubling)."""
ARCHIVE_BACKOFF_MAX = 4 * 3600.0
"""Longest single pause, ``Retry-After`` included."""
ARCHIVE_RETRY_TIMES = 5
"""Retries of one archive request after 429/5xx/network errors before giving up on it (a request
that timed out twice is given up at once: a server that drips its answer drips it again)."""
ARCHIVE_TIMEOUT = 60.0
"""Seconds for one archive request (index query or capture fetch), answer included."""
ARCHIVE_OLDER_CAPTURES = 2
"""Older captures of a post read when its newest lacks its author, author slug, date or
categories (a theme that hides them; crawler.history). 0: only the newest capture is read."""
ARCHIVE_CAPTURE_TRIES = 5
"""Captures of one URL fetched, newest real-looking first, before the URL is given up as having
no page of the site (banners, parking pages, soft-404s: crawler.sources.afterlife)."""
ARCHIVE_CDX_URL = None
"""CDX endpoint; default: IA's ``/cdx/search/cdx`` or pywb's ``<prefix>cdx``. Set it for
OpenWayback."""
ARCHIVE_CDX_DIALECT = "auto"
"""``ia`` (IA, OpenWayback: statuscode/mimetype, resumeKey paging), ``pywb``, or ``auto``
(by URL)."""
ARCHIVE_CDX_MATCH = "host"
"""Index match type for the site: ``host`` (www. folded), ``prefix``, or ``domain`` (subdomains)."""
ARCHIVE_CDX_PAGE_SIZE = 10000
"""Rows per index query where the server pages (``resumeKey``)."""
ARCHIVE_CDX_COLLAPSE = ""
"""Index ``collapse`` (e.g. ``digest``: fewer rows, but a page unchanged for years is then dated by
its first capture, not its latest). Off: the latest capture is always known."""
# Bounds on what one page may cost (crawler.sources.limits): a capture, a WARC record or a
# mirror file bigger than this is refused (counted in archive/too_large, explained in a WARNING),
# decompression included; Scrapy's own download limits follow it for live and replay fetches.
ARCHIVE_MAX_PAGE_BYTES = 32 * 1024 * 1024
"""Largest page any source reads, in bytes after decompression (WordPress pages are tens of KB)."""
DOWNLOAD_MAXSIZE = ARCHIVE_MAX_PAGE_BYTES
DOWNLOAD_WARNSIZE = ARCHIVE_MAX_PAGE_BYTES // 4
ROBOTSTXT_OBEY = False  # archives of seized sites have no robots.txt of their own to honour
USER_AGENT = "archive-crawler/0.1 (research crawler for archived WordPress sites)"
CONCURRENT_REQUESTS = 16
CONCURRENT_ITEMS = 1
"""Items of one response through the pipelines one after another. Scrapy's 100 hands each
response's output to 101 asyncio tasks, a quarter of a crawl's CPU for pages that give 0-10
items (issue 14); the spider reads a page whole first, so its tree is not held meanwhile."""
CONCURRENT_REQUESTS_PER_DOMAIN = 8
AUTOTHROTTLE_ENABLED = False
RETRY_TIMES = 3
HTTPERROR_ALLOWED_CODES: list[int] = []

# --- Items (crawler.pipelines), in flow order --------------------------------------------------
ITEM_PIPELINES = {
    "crawler.pipelines.NormalizePipeline": 100,
    "crawler.pipelines.ValidatePipeline": 200,
    "crawler.pipelines.MergePipeline": 300,  # one record per post, merged across its captures
    "crawler.pipelines.StatePipeline": 400,  # after merge: records every post, passes new/changed
}

# --- Output (crawler.exporters): FEEDS / -O exports/posts.json|jsonl|csv -----------------------
# Every format Scrapy offers, each keeping one row per post (or comment): see crawler.exporters.
FEED_EXPORTERS = {
    "json": "crawler.exporters.PostJsonItemExporter",
    "jsonlines": "crawler.exporters.PostJsonLinesItemExporter",
    "jsonl": "crawler.exporters.PostJsonLinesItemExporter",
    "jl": "crawler.exporters.PostJsonLinesItemExporter",
    "csv": "crawler.exporters.PostCsvItemExporter",
    "xml": "crawler.exporters.PostXmlItemExporter",
    "marshal": "crawler.exporters.PostMarshalItemExporter",
    "pickle": "crawler.exporters.PostPickleItemExporter",
}
FEED_EXPORT_ENCODING = "utf-8"
FEED_EXPORT_FIELDS = [
    "post_id", "site", "url", "slug", "title", "author", "author_slug", "published", "modified",
    "categories", "tags", "content_html", "content_text", "word_count", "images", "links",
    "comment_count", "archive_url", "captured_at", "source", "published_raw", "modified_raw",
]  # == crawler.items.POST_FIELDS (a test keeps them equal)
FEED_STORE_EMPTY = True
FEED_STORAGES = {"": "crawler.feedstorage.AtomicFileFeedStorage",
                 "file": "crawler.feedstorage.AtomicFileFeedStorage"}  # temp file + rename

# --- Progress (crawler.progress) ---------------------------------------------------------------
EXTENSIONS = {
    "scrapy.extensions.logstats.LogStats": None,
    # Feeds that fail (full disk, read-only folder, full TMPDIR) fail loudly and replace nothing.
    "scrapy.extensions.feedexport.FeedExporter": None,
    "crawler.feedexport.GuardedFeedExporter": 0,
    # Records what the crawl met for scrapy report; before CrawlState, to write its last rows
    # before the store closes (crawler.coverage).
    "crawler.coverage.CoverageRecorder": 90,
    "crawler.state.CrawlState": 100,  # opens the state store, takes the site's lock (below)
    "crawler.progress.ProgressLog": 500,
    # Fewer, cheaper garbage collections: 15% of a crawl's CPU, and its longest stalls (issue 14).
    "crawler.gctuning.GcTuning": 600,
}
ARCHIVE_PROGRESS_INTERVAL = 30.0
"""Seconds between progress lines; 0 switches them off (the final summary too)."""
LOG_LEVEL = "INFO"
# No listening ports on a research machine: Scrapy's telnet console and remote control are off.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
LOG_FORMATTER = "crawler.logformatter.PostLogFormatter"

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

# --- Between runs (crawler.state; README "Recrawls") ---------------------------------------------
ARCHIVE_STATE = ".state/archive.sqlite3"
"""The state store (SQLite file; a relative path starts at the project folder): what each post and
capture looked like last run, so a recrawl exports only new and changed posts and skips known
captures. ``scrapy export`` reads it. Empty (``-s ARCHIVE_STATE=``) switches state off: every run
is a first run."""
ARCHIVE_FULL_RECRAWL = False
"""Refetch every capture and export every post, as a first run would (``-a full_recrawl=1``);
the store is still updated."""
SPIDER_MIDDLEWARES = {
    # Below the recorder: the older-capture requests it adds are not links of the page.
    "crawler.history.OlderCapturesMiddleware": 50,
    "crawler.state.middleware.CaptureRecorderMiddleware": 100,
    "crawler.coverage.CoverageSpiderMiddleware": 110,  # which post each response gave
    # A recrawl walks the captures it has from the start, without scheduling them.
    "crawler.state.shortcut.KnownStartMiddleware": 120,
}
COMMANDS_MODULE = "crawler.commands"  # scrapy export; scrapy crawl with a meaningful exit status

# --- Distributed runs (crawler.distributed; README "Distributed crawling") ---------------------
ARCHIVE_REDIS_URL = ""
"""A Redis server (``redis://host:6379/0``) makes this crawl one worker of a distributed run;
scrapy-redis's ``REDIS_URL`` works too. Empty: a single-process crawl, as without this."""
ARCHIVE_REDIS_RUN = "default"
"""The run's name: processes crawling one site with the same name share one queue, one
dataset and one budget (keys ``archive-crawler:{<site>:<run>}:*``)."""
ARCHIVE_REDIS_WRITER = True
"""Whether this process may hold the run lease and write the dataset (the state store, feeds).
The first to start takes it; a process started after the writer died takes it over."""
ARCHIVE_REDIS_LEASE_TIMEOUT = 15.0
"""Seconds a worker may be silent before its requests go back to the queue (and a silent
writer's run lease to another process)."""
ARCHIVE_REDIS_EGRESS = ""
"""The archive budgets are shared by every worker of every run through this Redis, per archive
host: the Internet Archive counts requests per IP. Workers that really leave through different
IPs may each get their own budget by naming their egress here (opt-in; README)."""
ARCHIVE_REDIS_READ_COMMENTS = False
"""Set by a distributed run on its workers (not by hand): read comments for the writer."""

# Settings from the environment, for cron, systemd and scrapyd (deploy/): every ARCHIVE* setting
# above may be set by an environment variable of the same name (crawler.environment, applied by
# the spider's update_settings). Precedence: -a / -s on the command line, then the environment,
# then this file.
