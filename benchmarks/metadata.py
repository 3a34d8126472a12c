"""Metadata accuracy on labelled real pages: publication day, author, title, categories, tags.

    .venv/bin/python benchmarks/metadata.py            # ours (and trafilatura if installed)
    .venv/bin/python benchmarks/metadata.py --misses   # every miss, page by page
    .venv/bin/python benchmarks/metadata.py --timing   # also CPU time of the date extraction

Labels and how they were made: ``benchmarks/data/README.md``. Pages are read from
``../shared/corpus`` (never copied into the repository). trafilatura 2.3.1 (``pip install -e
'.[bench]'``) is scored on the same pages with ``bare_extraction(..., with_metadata=True)``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from parsel import Selector

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from crawler.pages import PostPage  # noqa: E402
from crawler.pages.dates import dates  # noqa: E402

SHARED = REPO.parent / "shared" / "corpus"
DATA = REPO / "benchmarks" / "data"
FIELDS = ("published_day", "author", "title", "categories", "tags")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"', "„": '"',
                         "–": "-", "—": "-", "‒": "-", "―": "-", "…": "..."})

Extracted = dict[str, Any]  # published_day, author, title, categories, tags


def pages() -> Iterator[tuple[dict[str, Any], str]]:
    """(label, page HTML) of every labelled page whose file is present."""
    bench = SHARED / "article-extraction-benchmark" / "html"
    for label in json.loads((DATA / "wordpress-metadata-labels.json").read_text("utf-8")):
        file = bench / f"{label['id']}.html.gz"
        if file.exists():
            yield label, gzip.decompress(file.read_bytes()).decode("utf-8", "replace")
    for label in json.loads((DATA / "deepdotweb-metadata-labels.json").read_text("utf-8")):
        file = SHARED / "deepdotweb" / label["file"]
        if file.exists():
            yield label, file.read_text("utf-8")


def ours(html: str, url: str) -> Extracted:
    fields = PostPage(Selector(text=html), url).fields()
    return {"published_day": (fields["published"] or "")[:10] or None, "author": fields["author"],
            "title": fields["title"], "categories": fields["categories"], "tags": fields["tags"]}


def trafilatura_extractor() -> Callable[[str, str], Extracted] | None:
    try:
        from trafilatura import bare_extraction
    except ImportError:
        return None

    def extract(html: str, url: str) -> Extracted:
        doc = bare_extraction(html, url=url, with_metadata=True)
        found = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
        return {"published_day": (found.get("date") or "")[:10] or None,
                "author": (found.get("author") or "").split(";")[0].strip() or None,
                "title": found.get("title"),
                "categories": _split(found.get("categories")), "tags": _split(found.get("tags"))}

    return extract


def _split(values: list[str] | None) -> list[str]:
    """trafilatura joins some term lists with commas inside one string."""
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES)
    return re.sub(r"\s+", " ", text).strip().casefold()


def correct(field: str, label: dict[str, Any], got: Extracted) -> bool | None:
    """Whether ``got`` has ``field`` right; None when the label does not say."""
    if field == "published_day":
        return got["published_day"] == label["published_day"]
    if field == "author":
        if label["authors"] is None:
            return None
        return norm(got["author"]) in {norm(name) for name in label["authors"]}
    if field == "title":
        return norm(got["title"]) == norm(label["title"])
    if label[field] is None:
        return None
    return {norm(name) for name in got[field]} == {norm(name) for name in label[field]}


def score(extract: Callable[[str, str], Extracted], corpus: list[tuple[dict[str, Any], str]],
          misses: bool, name: str) -> dict[str, tuple[int, int]]:
    totals = {field: [0, 0] for field in FIELDS}
    for label, html in corpus:
        got = extract(html, label["url"])
        for field in FIELDS:
            verdict = correct(field, label, got)
            if verdict is None:
                continue
            totals[field][1] += 1
            totals[field][0] += verdict
            if misses and not verdict:
                wanted = label["authors" if field == "author" else field]
                print(f"  {name} miss {field:13} {label['url'][:70]}\n      got {got[field]!r}"
                      f"\n   wanted {wanted!r}")
    return {field: (right, total) for field, (right, total) in totals.items()}


def date_timing(corpus: list[tuple[dict[str, Any], str]], runs: int = 5) -> float:
    """Median CPU ms of the date extraction alone per page (trees parsed beforehand)."""
    parsed = [PostPage(Selector(text=html), label["url"]) for label, html in corpus]
    for page in parsed:
        page.fields()  # warm: entry, container, dateparser's language data
    medians = []
    for _ in range(runs):
        times = []
        for page in parsed:
            start = time.process_time()
            dates(page.doc, page.entry, page.container)
            times.append(time.process_time() - start)
        medians.append(sorted(times)[len(times) // 2])
    return 1000 * sorted(medians)[len(medians) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--misses", action="store_true", help="print every miss")
    parser.add_argument("--timing", action="store_true", help="time the date extraction")
    args = parser.parse_args()
    corpus = list(pages())
    if not corpus:
        sys.exit(f"no labelled pages found under {SHARED}")
    extractors = {"ours": ours}
    other = trafilatura_extractor()
    if other is not None:
        extractors["trafilatura"] = other
    results = {name: score(fn, corpus, args.misses, name) for name, fn in extractors.items()}
    print(f"{len(corpus)} labelled pages")
    print(f"{'field':15}" + "".join(f"{name:>22}" for name in results))
    for field in FIELDS:
        cells = ""
        for result in results.values():
            right, total = result[field]
            cells += f"{f'{right}/{total} {100 * right / total:5.1f}%':>22}" if total else " " * 22
        print(f"{field:15}{cells}")
    if args.timing:
        print(f"date extraction: median {date_timing(corpus):.3f} ms CPU per page")


if __name__ == "__main__":
    main()
