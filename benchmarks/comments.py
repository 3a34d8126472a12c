"""CPU cost of comment extraction, on pages with and without comments.

    python benchmarks/comments.py [--repeat N]

``page_comments(PostPage(...).doc)`` is what the spider adds to each post page beside
``PostPage.fields()`` (``benchmarks/extraction.py``); both are measured here on the same parsed
page, so the comments' share of the README's per-page target (<= 2 ms CPU, median) shows. Pages:
the real deepdotweb.com pages (Sahifa: 8, 5 and 0 comments; skipped, saying so, when
``../shared/corpus`` is absent) and every post and comment page of the real WordPress discussion
site in ``tests/data/wordpress-comments/`` (three themes, 0 to 51 comments a page).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from parsel import Selector
from warcio.archiveiterator import ArchiveIterator

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler.pages import PostPage, page_comments  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / ".." / "shared" / "corpus" / "deepdotweb" / "full"
WARCS = REPO / "tests" / "data" / "wordpress-comments"


def pages() -> list[tuple[str, str, str]]:
    """(label, URL, HTML) of every page measured."""
    found = [(p.name[:40], "https://www.deepdotweb.com/", p.read_text(encoding="utf-8"))
             for p in sorted(CORPUS.glob("*.html"))] if CORPUS.is_dir() else []
    if not found:
        print(f"note: no corpus pages in {CORPUS.resolve()}; WordPress pages only")
    for warc in sorted(WARCS.glob("*.warc.gz")):
        with warc.open("rb") as stream:
            for record in ArchiveIterator(stream):
                url = record.rec_headers.get_header("WARC-Target-URI")
                if record.rec_type == "response" and ("?p=" in url or "comment-page" in url
                                                      or url.count("/") == 8):
                    body = record.content_stream().read().decode("utf-8", "replace")
                    if "postid-" in body:
                        found.append((f"{warc.name[:6]} {url[24:60]}", url, body))
    return found


def bench(url: str, html: str, repeat: int) -> tuple[list[float], list[float], int]:
    fields, comments, count = [], [], 0
    for _ in range(repeat):
        page = PostPage(Selector(text=html), url)
        start = time.process_time()
        page.fields()
        middle = time.process_time()
        count = len(page_comments(page.doc))
        end = time.process_time()
        fields.append((middle - start) * 1000)
        comments.append((end - middle) * 1000)
    return fields, comments, count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50, help="runs per page (default 50)")
    args = parser.parse_args()
    groups: dict[str, list[float]] = {"no comments": [], "with comments": []}
    per_comment: list[float] = []
    for label, url, html in pages():
        fields, comments, count = bench(url, html, args.repeat)
        cost = statistics.median(comments)
        print(f"{label:<48} {count:3d} comments  fields() {statistics.median(fields):6.3f} ms  "
              f"page_comments() {cost:6.3f} ms")
        groups["with comments" if count else "no comments"].append(cost)
        if count:
            per_comment.append(cost / count)
    for name, costs in groups.items():
        if costs:
            print(f"page_comments(), pages {name}: median {statistics.median(costs):.3f} ms "
                  f"over {len(costs)} pages")
    if per_comment:
        print(f"per comment: median {statistics.median(per_comment):.3f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
