"""``scrapy crawl``, with an exit status a scheduler can act on.

Scrapy's own command exits 0 whenever the spider started, even when the crawl was cut short or
every request failed. This one exits:

* 0 when the crawl finished (finish reason ``finished``) and logged no error;
* 1 when it did not start (bad arguments, an unusable state store, a feed that cannot be
  written), stopped early (``shutdown``, ``closespider_*``, a feed that failed...), logged
  errors (failed fetches after retries...), did not write a feed (a full disk: counted in
  ``feedexport/failed_count/*``, since feeds are stored after Scrapy stops counting log lines)
  or fetched pages without finding a single post (an archive of afterlife pages, a wrong
  ``site``);
* 75 (``EX_TEMPFAIL``) when another crawl of the same site holds the state store's lock;
* 2, as always with Scrapy, for a command line it cannot parse, and for spider arguments that
  are unknown (a typo such as ``-a achive=``) or invalid (a missing folder, a bad date): those
  are checked before the crawl starts and reported in one line, like Scrapy's own usage errors.
"""

from __future__ import annotations

import argparse
import logging
from argparse import RawDescriptionHelpFormatter
from typing import Any

from scrapy.commands import ScrapyHelpFormatter
from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from crawler.args import CrawlArgs
from crawler.feedexport import failed_feeds
from crawler.spiders.archive import NO_POSTS_STAT
from crawler.state.extension import LOCKED_REASON

logger = logging.getLogger(__name__)

EXIT_FAILED = 1
EXIT_LOCKED = 75


def exit_status(stats: dict[str, Any] | None) -> int:
    """The exit status for a crawl that ended with *stats* (``None``: it never started)."""
    if not stats:
        return EXIT_FAILED
    reason = stats.get("finish_reason")
    if reason == LOCKED_REASON:
        return EXIT_LOCKED
    # Failed feeds are counted apart: feeds are stored after Scrapy stops counting log lines.
    if (reason != "finished" or stats.get("log_count/ERROR", 0) or stats.get(NO_POSTS_STAT)
            or failed_feeds(stats)):
        return EXIT_FAILED
    return 0


class HelpFormatter(RawDescriptionHelpFormatter, ScrapyHelpFormatter):
    """Scrapy's help layout, with the description's lines kept (a list of arguments stays one)."""


class Command(ScrapyCrawlCommand):
    def long_desc(self) -> str:
        return (super().long_desc() + "\n\nSpider arguments of `scrapy crawl archive` (each is "
                "also a setting, see settings.py):\n" + CrawlArgs.usage() + "\n\nExit status: "
                "0 when the crawl finished without errors; 1 when it failed, stopped early,\n"
                "logged errors, did not write a feed or found no post in the pages it fetched;\n"
                "2 for a bad command line or spider argument; 75 when another crawl holds the\n"
                "state store's lock.")

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.formatter_class = HelpFormatter

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give exactly one spider name" if args else "")
        assert self.crawler_process
        crawler = self._create_crawler(args[0])
        check = getattr(crawler.spidercls, "check_arguments", None)
        if check is not None:
            try:
                check(crawler, dict(opts.spargs))
            except ValueError as exc:  # before the crawl starts: one line, exit 2
                raise UsageError(str(exc), print_help=False) from exc
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        try:
            stats = None if self.crawler_process.bootstrap_failed else crawler.stats.get_stats()
        except RuntimeError:  # a crawl that never started (bad arguments) has no stats
            stats = None
        self.exitcode = exit_status(stats)
        if self.exitcode:
            stats = stats or {}
            reason = stats.get("finish_reason", "did not start")
            errors = stats.get("log_count/ERROR", 0)
            why = "no posts found, " if stats.get(NO_POSTS_STAT) else ""
            why += f"{failed_feeds(stats)} feeds not written, " if failed_feeds(stats) else ""
            logger.error("Crawl failed (%s, %s%d errors logged): exit status %d",
                         reason, why, errors, self.exitcode)
