"""The coverage record a crawl leaves for ``scrapy report`` (see :mod:`.recorder`)."""

from crawler.coverage.middlewares import CoverageDownloaderMiddleware, CoverageSpiderMiddleware
from crawler.coverage.recorder import CoverageRecorder

__all__ = ["CoverageDownloaderMiddleware", "CoverageRecorder", "CoverageSpiderMiddleware"]
