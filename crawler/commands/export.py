"""``scrapy export OUTPUT``: the whole current dataset, from the state store, in one file.

Every post once, in its newest version, whatever run found it. The format follows the
extension (``.json``, ``.jsonl``, ``.csv``) and the exporters are the crawl's feed exporters, so
the columns and encodings are the same. The file is replaced atomically, and a Frictionless
``datapackage.json`` beside it describes it.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.environment import apply_environment
from crawler.state.datapackage import write_datapackage
from crawler.state.dataset import Filters, format_of, write_dataset
from crawler.state.store import StateError, StateStore, resolve_state_path
from crawler.urls import SiteUrls


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "[options] OUTPUT"

    def short_desc(self) -> str:
        return "Write the whole dataset from the state store (.json, .jsonl or .csv)"

    def long_desc(self) -> str:
        return (self.short_desc() + ". Reads ARCHIVE_STATE (-s ARCHIVE_STATE=PATH for another "
                "store); dates compare with `published` (--from 2017 --to 2017-06-30); "
                "repeated --author/--category/--tag options match any of their values.")

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--from", dest="since", metavar="DATE",
                            help="posts published on or after DATE (YYYY[-MM[-DD]])")
        parser.add_argument("--to", dest="until", metavar="DATE",
                            help="posts published on or before DATE (YYYY[-MM[-DD]])")
        for name, dest in (("author", "authors"), ("category", "categories"), ("tag", "tags")):
            parser.add_argument(f"--{name}", dest=dest, action="append", default=[],
                                metavar="NAME", help=f"posts with this {name} (repeatable)")
        parser.add_argument("--site", metavar="URL", help="posts of this site only")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give one OUTPUT file" if not args else "give only one OUTPUT")
        output = Path(args[0])
        try:
            fmt = format_of(output)
            filters = Filters.build(opts.since, opts.until, opts.authors, opts.categories,
                                    opts.tags)
            site = SiteUrls(opts.site if "://" in opts.site else f"https://{opts.site}") \
                if opts.site else None
        except ValueError as exc:
            raise UsageError(str(exc), print_help=False) from exc
        assert self.settings is not None
        apply_environment(self.settings)  # no crawl: the rule the spider applies, by hand
        path = self.settings.get("ARCHIVE_STATE") or ""
        if not path:
            self._fail("ARCHIVE_STATE is empty: there is no state store to export from")
            return
        store = StateStore(resolve_state_path(path), readonly=True)
        try:
            store.open()
            sites = [s for s in store.sites() if site is None or site.is_onsite(s + "/")]
            if site is not None and not sites:
                self._fail(f"no posts of {site.root} in {path}; it holds: "
                           + (", ".join(store.sites()) or "nothing yet"))
                return
            records = (r for s in sites for r in store.iter_records(s) if filters.accepts(r))
            count = write_dataset(records, output, fmt, self.settings)
            package = write_datapackage(output, fmt, sites)
        except StateError as exc:
            hint = "" if store.path.exists() else "; a crawl creates it: scrapy crawl archive ..."
            self._fail(f"{exc} (ARCHIVE_STATE){hint}")
            return
        except (OSError, sqlite3.Error) as exc:  # a full disk or TMPDIR, a folder in the way
            self._fail(f"cannot write {output}: {exc}; the previous file is kept")
            return
        finally:
            store.close()
        print(f"Exported {count} posts to {output} (described in {package})", file=sys.stderr)

    def _fail(self, message: str) -> None:
        print(f"scrapy export: error: {message}", file=sys.stderr)
        self.exitcode = 1
