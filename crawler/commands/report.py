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

from scrapy.exceptions import UsageError

from crawler.state.readcommand import CommandFailed, StoreCommand


class Command(StoreCommand):
    command = "report"

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

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give one OUTPUT.html file" if not args else "give only one OUTPUT")
        output, data = Path(args[0]), Path(opts.json) if opts.json else None
        site = self.site_option(opts)
        try:
            with self.reading(site) as (store, sites):
                meta = {"generated_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
                        "store": str(store.path)}
                # Imported here: Scrapy imports every command to list them, and the charts'
                # matplotlib would add 0.8 s and 40 MiB to every crawl's start.
                from crawler.report import write_report

                figures = write_report(store.db, sites, output, data, meta)
        except CommandFailed as exc:
            self.fail(str(exc))
            return
        except (OSError, sqlite3.Error) as exc:  # a full disk, a folder in the way
            self.fail(f"cannot write the report: {exc}; any previous file is kept")
            return
        posts = sum(f["posts"]["posts"] for f in figures)
        print(f"Reported on {posts} posts of {', '.join(sites)} in {output}"
              + (f" (figures in {data})" if data else ""), file=sys.stderr)
