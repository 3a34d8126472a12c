"""What the commands that read the state store share: the ``--site`` option, the store opened
read-only from ``ARCHIVE_STATE`` (settings from the environment applied), and the one-line
errors they exit 1 with (``scrapy report`` and ``scrapy export``). Outside ``crawler/commands``:
Scrapy takes every command class there for a command.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings

from crawler.environment import apply_environment
from crawler.state.store import StateError, StateStore, resolve_state_path
from crawler.urls import SiteUrls


class CommandFailed(Exception):
    """The command cannot do its work; the message says why (and what to do)."""


class StoreCommand(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False
    command = ""
    """The command's name, for its error messages."""

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--site", metavar="URL", help="this site only (default: every site)")

    def site_option(self, opts: argparse.Namespace) -> SiteUrls | None:
        """``--site``, the scheme optional (``www.example.org``); a usage error if no URL."""
        if not opts.site:
            return None
        try:
            return SiteUrls(opts.site if "://" in opts.site else f"https://{opts.site}")
        except ValueError as exc:
            raise UsageError(str(exc), print_help=False) from exc

    @contextmanager
    def store(self, purpose: str = "read") -> Iterator[tuple[StateStore, str]]:
        """The store ``ARCHIVE_STATE`` names, open read-only, and the setting as given; a
        :class:`CommandFailed` when it is empty, missing or not a state store."""
        assert self.settings is not None
        apply_environment(self.settings)  # no crawl: the rule the spider applies, by hand
        path = self.settings.get("ARCHIVE_STATE") or ""
        if not path:
            raise CommandFailed(f"ARCHIVE_STATE is empty: there is no state store to {purpose}; "
                                "give one with -s ARCHIVE_STATE=PATH")
        store = StateStore(resolve_state_path(path), readonly=True)
        try:
            store.open()
            yield store, path
        except StateError as exc:
            hint = "" if store.path.exists() else "; a crawl creates it: scrapy crawl archive ..."
            raise CommandFailed(f"{exc} (ARCHIVE_STATE){hint}") from exc
        finally:
            store.close()

    @contextmanager
    def reading(self, site: SiteUrls | None) -> Iterator[tuple[StateStore, list[str]]]:
        """The store, open read-only, and its sites (*site*'s only, when given): a
        :class:`CommandFailed` when there are none."""
        with self.store() as (store, path):
            sites = [s for s in store.sites() if site is None or site.is_onsite(s + "/")]
            if not sites:
                raise CommandFailed(f"no posts of {site.root if site else 'any site'} in "
                                    f"{path}; it holds: {', '.join(store.sites()) or 'nothing'}")
            yield store, sites

    def fail(self, message: str) -> None:
        print(f"scrapy {self.command}: error: {message}", file=sys.stderr)
        self.exitcode = 1


def command_line(command: str, output: str, settings: BaseSettings) -> str | None:
    """How to run *command* on the store a crawl with *settings* writes, as a person would type
    it: ``-s ARCHIVE_STATE=`` only when the crawl was given it on its command line (the
    environment and ``settings.py`` apply to both). ``None`` when state is off."""
    state = (settings.get("ARCHIVE_STATE") or "").strip()
    try:
        site = SiteUrls(settings.get("ARCHIVE_SITE") or "").root
    except ValueError:
        return None
    if not state:
        return None
    words = ["scrapy", command, output, "--site", site]
    if (settings.getpriority("ARCHIVE_STATE") or 0) >= SETTINGS_PRIORITIES["cmdline"]:
        words += ["-s", f"ARCHIVE_STATE={state}"]
    return shlex.join(words)
