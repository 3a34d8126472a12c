"""``scrapy report OUTPUT.html``: how much of the site the crawls recovered, and where the holes
are, as one self-contained HTML page with charts (``--json FILE``: the same figures as data).

Reads only the state store (``ARCHIVE_STATE``, as ``scrapy export``), so it may run while a crawl
writes. See the README, "Coverage report".
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.environment import apply_environment
from crawler.report import write_report
from crawler.state.store import StateError, StateStore, resolve_state_path
from crawler.urls import SiteUrls


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "[options] OUTPUT.html"

    def short_desc(self) -> str:
        return "Write a coverage report of the state store: charts of what the crawls recovered"

    def long_desc(self) -> str:
        return (self.short_desc() + ". Reads ARCHIVE_STATE (-s ARCHIVE_STATE=PATH for another "
                "store); --json FILE writes the same figures as data.")

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
        parser.add_argument("--site", metavar="URL", help="this site only (default: every site)")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give one OUTPUT.html file" if not args else "give only one OUTPUT")
        output, data = Path(args[0]), Path(opts.json) if opts.json else None
        try:
            site = SiteUrls(opts.site if "://" in opts.site else f"https://{opts.site}") \
                if opts.site else None
        except ValueError as exc:
            raise UsageError(str(exc), print_help=False) from exc
        assert self.settings is not None
        apply_environment(self.settings)  # no crawl: the rule the spider applies, by hand
        path = self.settings.get("ARCHIVE_STATE") or ""
        if not path:
            self._fail("ARCHIVE_STATE is empty: there is no state store to report on")
            return
        store = StateStore(resolve_state_path(path), readonly=True)
        try:
            store.open()
            sites = [s for s in store.sites() if site is None or site.is_onsite(s + "/")]
            if not sites:
                self._fail(f"no posts of {site.root if site else 'any site'} in {path}; it "
                           "holds: " + (", ".join(store.sites()) or "nothing yet"))
                return
            meta = {"generated_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
                    "store": str(store.path)}
            figures = write_report(store.db, sites, output, data, meta)
        except StateError as exc:
            hint = "" if store.path.exists() else "; a crawl creates it: scrapy crawl archive ..."
            self._fail(f"{exc} (ARCHIVE_STATE){hint}")
            return
        except (OSError, sqlite3.Error) as exc:  # a full disk, a folder in the way
            self._fail(f"cannot write the report: {exc}; any previous file is kept")
            return
        finally:
            store.close()
        posts = sum(f["posts"]["posts"] for f in figures)
        print(f"Reported on {posts} posts of {', '.join(sites)} in {output}"
              + (f" (figures in {data})" if data else ""), file=sys.stderr)

    def _fail(self, message: str) -> None:
        print(f"scrapy report: error: {message}", file=sys.stderr)
        self.exitcode = 1
