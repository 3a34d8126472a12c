"""``scrapy report``: how much of the site did the crawls recover, and where are the holes?

Reads only the state store, in one read transaction (a consistent snapshot while a crawl
writes), aggregates in SQL, and writes one self-contained HTML page (:mod:`.page`) and, if
asked, the same figures as JSON. Both files are replaced atomically.
"""

from __future__ import annotations

import io
import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, TextIO

from crawler.feedstorage import write_atomically
from crawler.report.figures import site_figures
from crawler.report.missing import missing_urls
from crawler.report.page import write_page
from crawler.urls import site_urls


def spellings(db: sqlite3.Connection, site: str) -> list[str]:
    """*site* and the other spellings a store may hold it under (``http://example.org`` for
    ``https://www.example.org``: see ``StateStore.site_key``)."""
    key = site_urls(site).key
    found = {s for table in ("posts", "runs")
             for (s,) in db.execute(f"SELECT DISTINCT site FROM {table}")}
    return [site, *sorted(s for s in found if s != site and site_urls(s).key == key)]


def write_report(db: sqlite3.Connection, sites: Sequence[str], html: Path, data: Path | None,
                 meta: dict[str, str]) -> list[dict[str, Any]]:
    """Write the report of *sites* to *html* (and *data*, as JSON); return the figures."""
    db.execute("BEGIN")  # one snapshot for every query, however long the report takes
    try:
        names = {site: spellings(db, site) for site in sites}
        figures = [site_figures(db, site, names[site]) for site in sites]

        def streams() -> Iterator[tuple[dict[str, Any], Iterator[dict[str, Any]]]]:
            return ((f, missing_urls(db, names[f["site"]]) if f["missing"] else iter(()))
                    for f in figures)

        _atomically(html, lambda out: write_page(out, f"Coverage report: {', '.join(sites)}",
                                                 meta, streams()))
        if data is not None:
            _atomically(data, lambda out: write_json(out, meta, streams()))
    finally:
        db.execute("ROLLBACK")  # nothing was written: the temporary tables go
    return figures


def write_json(out: TextIO, meta: dict[str, str],
               sites: Iterator[tuple[dict[str, Any], Iterator[dict[str, Any]]]]) -> None:
    """``{...meta, "sites": [{...figures, "missing_urls": [...]}]}``, the URL lists streamed."""
    out.write("{" + "".join(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}, "
                            for k, v in meta.items()) + '"sites": [')
    for n, (figures, rows) in enumerate(sites):
        head = json.dumps(figures, ensure_ascii=False, indent=1)
        out.write(("," if n else "") + "\n" + head[:-1].rstrip() + ',\n "missing_urls": [')
        for k, row in enumerate(rows):
            out.write(("," if k else "") + "\n  " + json.dumps(row, ensure_ascii=False))
        out.write("\n ]}")
    out.write("\n]}\n")


def _atomically(target: Path, write: Callable[[TextIO], None]) -> None:
    def text(file: IO[bytes]) -> None:
        out = io.TextIOWrapper(file, encoding="utf-8", newline="\n")
        write(out)
        out.flush()
        out.detach()  # the bytes file stays open: write_atomically syncs and closes it

    write_atomically(target, text)
