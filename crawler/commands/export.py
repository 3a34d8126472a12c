"""``scrapy export [OUTPUT] [--comments FILE]``: the whole current datasets, from the state store.

Every post once, in its newest version, whatever run found it; with ``--comments``, every comment
of those posts once too. The format follows the extension (``.json``, ``.jsonl``, ``.csv``) and
the exporters are the crawl's feed exporters, so the columns and encodings are the same. Each
file is replaced atomically, and a Frictionless ``datapackage.json`` beside it describes it.

Every error is one line, ``scrapy export: error: ...``, saying what to do: exit status 2 for a
command line that cannot work (a bad date, an unknown extension), 1 when the store cannot be
read or a file cannot be written (the previous file is then kept).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrapy.exceptions import UsageError

from crawler.feedstorage import check_target
from crawler.items import COMMENT_FIELDS
from crawler.state.datapackage import write_datapackage
from crawler.state.dataset import Filters, format_of, write_dataset
from crawler.state.readcommand import CommandFailed, StoreCommand
from crawler.state.store import StateStore
from crawler.urls import SiteUrls

EXIT_FAILED = 1
EXIT_USAGE = 2


class ExportError(Exception):
    """Why the export cannot be done, and its exit status."""

    def __init__(self, message: str, status: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Job:
    """What to write: the posts' file and format, the comments', which posts and which site."""

    posts: tuple[Path, str] | None
    comments: tuple[Path, str] | None
    filters: Filters
    site: SiteUrls | None


class Command(StoreCommand):
    command = "export"

    def syntax(self) -> str:
        return "[options] [OUTPUT] [--comments COMMENTS]"

    def short_desc(self) -> str:
        return "Write the whole dataset from the state store (.json, .jsonl or .csv)"

    def long_desc(self) -> str:
        return (self.short_desc() + ". Reads ARCHIVE_STATE (-s ARCHIVE_STATE=PATH for another "
                "store); dates compare with `published` (--from 2017 --to 2017-06-30); "
                "repeated --author/--category/--tag options match any of their values. "
                "--comments FILE writes the comments of the posts exported; without OUTPUT, "
                "comments alone, --from/--to/--author then matching the comment's own date "
                "and author.")

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--from", dest="since", metavar="DATE",
                            help="posts published on or after DATE (YYYY[-MM[-DD]])")
        parser.add_argument("--to", dest="until", metavar="DATE",
                            help="posts published on or before DATE (YYYY[-MM[-DD]])")
        for name, dest in (("author", "authors"), ("category", "categories"), ("tag", "tags")):
            parser.add_argument(f"--{name}", dest=dest, action="append", default=[],
                                metavar="NAME", help=f"posts with this {name} (repeatable)")
        parser.add_argument("--comments", metavar="COMMENTS",
                            help="also write the comments (of the posts exported) to COMMENTS")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        try:
            self._export(self._job(args, opts))
        except ExportError as exc:
            print(f"scrapy export: error: {exc}", file=sys.stderr)
            self.exitcode = exc.status

    def _job(self, args: list[str], opts: argparse.Namespace) -> Job:
        unknown = [a for a in args if a.startswith("-")]
        if unknown:
            raise ExportError(f"unknown option {unknown[0]}: see scrapy export -h", EXIT_USAGE)
        if len(args) > 1 or not (args or opts.comments):
            raise ExportError("give one OUTPUT file (and/or --comments FILE), e.g. scrapy "
                              "export exports/posts.jsonl", EXIT_USAGE)
        try:
            posts = _target(args[0]) if args else None
            comments = _target(opts.comments) if opts.comments else None
            filters = Filters.build(opts.since, opts.until, opts.authors, opts.categories,
                                    opts.tags)
            site = self.site_option(opts)
        except (ValueError, UsageError) as exc:
            raise ExportError(str(exc), EXIT_USAGE) from exc
        if posts and comments and posts[0].resolve() == comments[0].resolve():
            raise ExportError("--comments names the posts' file: give each its own",
                              EXIT_USAGE)
        return Job(posts, comments, filters, site)

    def _export(self, job: Job) -> None:
        try:
            with self.store("export from") as (store, path):
                for target in (job.posts, job.comments):
                    if target is not None:
                        _writable(target[0])
                self._write(store, job, path)
        except CommandFailed as exc:
            raise ExportError(str(exc)) from exc
        except (OSError, sqlite3.Error) as exc:  # the store itself (writes say their file)
            path = self.settings.get("ARCHIVE_STATE") if self.settings else ""
            raise ExportError(f"cannot read the state store {path}: {exc}") from exc

    def _write(self, store: StateStore, job: Job, path: str) -> None:
        assert self.settings is not None
        sites = [s for s in store.sites() if job.site is None or job.site.is_onsite(s + "/")]
        if job.site is not None and not sites:
            raise ExportError(f"no posts of {job.site.root} in {path}; it holds: "
                              + (", ".join(store.sites()) or "nothing yet"))
        kept: set[tuple[str, Any]] = set()
        if job.posts is not None:
            output, fmt = job.posts
            records = _noting(kept, (r for s in sites for r in store.iter_records(s)
                                     if job.filters.accepts(r)))
            with _writing(output):
                written = write_dataset(records, output, fmt, self.settings)
                package = write_datapackage(output, fmt, sites,
                                            written=(written.size, written.sha256))
            print(f"Exported {written.count} posts to {output} (described in {package})",
                  file=sys.stderr)
        if job.comments is not None:
            output, fmt = job.comments
            accepts = _comment_filter(store, sites, job, kept)
            comments = (c for s in sites for c in store.comment_records(s) if accepts(c))
            with _writing(output):
                written = write_dataset(comments, output, fmt, self.settings, COMMENT_FIELDS)
                package = write_datapackage(output, fmt, sites, "comments",
                                            (written.size, written.sha256))
            print(f"Exported {written.count} comments to {output} (described in {package})",
                  file=sys.stderr)


def _comment_filter(store: StateStore, sites: list[str], job: Job,
                    kept: set[tuple[str, Any]]) -> Callable[[dict[str, Any]], bool]:
    """Beside posts: the comments of the posts exported. Alone: the comments whose own date
    and author match, of posts whose categories and tags do."""
    if job.posts is not None:
        return lambda comment: _key(comment) in kept
    own, of_post = job.filters.of_comments(), job.filters.of_posts()
    if not (of_post.categories or of_post.tags):
        return own.accepts
    posts = {_key(r) for s in sites for r in store.iter_records(s) if of_post.accepts(r)}
    return lambda comment: own.accepts(comment) and _key(comment) in posts


@contextmanager
def _writing(output: Path) -> Iterator[None]:
    try:
        yield
    except (OSError, sqlite3.Error) as exc:  # a full disk or TMPDIR, a folder in the way
        raise ExportError(f"cannot write {output}: {exc}; the previous file is kept, free "
                          "some space or choose another folder") from exc


def _target(name: str) -> tuple[Path, str]:
    output = Path(name)
    return output, format_of(output)


def _writable(output: Path) -> None:
    """Fail now, before the store is read, when *output* could not be written."""
    blocker = next((p for p in output.parents if p.exists() and not p.is_dir()), None)
    try:
        if blocker is not None:
            raise NotADirectoryError(f"{blocker} is a file, not a folder")
        check_target(output)
    except OSError as exc:
        raise ExportError(f"cannot write {output}: {exc.strerror or exc}; choose a folder "
                          "you can write") from exc


def _key(record: dict[str, Any]) -> tuple[str, Any]:
    """The post a post record is, or a comment record belongs to."""
    post_id = record.get("post_id")
    url = record.get("post_url") or record.get("url")
    return record["site"], post_id if post_id is not None else url


def _noting(kept: set[tuple[str, Any]], records: Iterator[dict[str, Any]]
            ) -> Iterator[dict[str, Any]]:
    for record in records:
        kept.add(_key(record))
        yield record
