"""``scrapy report`` on the real WordPress archive (``tests/data/wordpress-archive``: two eras
a real WordPress 6.1 rendered, Twenty Seventeen then Twenty Twenty-Three after edits, renames
and deletions) followed by its afterlife (soft-404s, a seizure banner, empty answers,
challenges, a parking page): the figures against WordPress's own REST API and the WARCs."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.archives.afterlife import ERAS, dead_wordpress
from tests.report.run import crawl_into, figures, report
from tests.report.truth import FIELD_TESTS

DATA = Path(__file__).resolve().parents[1] / "data" / "wordpress-archive"


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    return json.loads((DATA / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def got(gold: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("wordpress-archive")
    warcs = folder / "warcs"
    warcs.mkdir()
    dead_wordpress(DATA, gold, warcs)
    crawl_into(folder / "state.sqlite3", gold["site"], warcs)
    report(folder / "state.sqlite3", folder)
    return figures(folder)


def rest(era: str) -> dict[str, Any]:
    return json.loads(gzip.decompress((DATA / f"rest-{era}.json.gz").read_bytes()))


def test_the_posts_figures_are_the_gold(got: dict[str, Any], gold: dict[str, Any]) -> None:
    posts = gold["posts"]
    assert got["posts"]["posts"] == len(posts)
    assert {m["month"]: m["posts"] for m in got["months"] if m["posts"]} == dict(
        Counter(p["published"][:7] for p in posts))
    assert got["fields"] == [
        {"field": name, "posts": sum(1 for p in posts if test(_as_row(p))),
         "share": sum(1 for p in posts if test(_as_row(p))) / len(posts)}
        for name, test in FIELD_TESTS.items()]
    authors = Counter(p["author"] for p in posts)
    assert got["top"]["authors"] == [{"name": n, "posts": k} for n, k in sorted(
        authors.items(), key=lambda kv: (-kv[1], kv[0]))]


def _as_row(post: dict[str, Any]) -> dict[str, Any]:
    return {**post, "word_count": len(post["content_text"].split())}


def test_life_span(got: dict[str, Any], gold: dict[str, Any]) -> None:
    life = got["life"]
    first = min(gold["posts"], key=lambda p: p["published"][:10])  # one post a day at most
    assert life["first_post"] == first["published"]
    # Deleted posts are read from era 1 (their era 2 answer is a 404), the rest from era 2
    assert life["first_real_capture"][:10] == gold["eras"]["era1"][:10]
    assert life["last_real_capture"][:10] == gold["eras"]["era2"][:10]
    # The seizure banner came between the two eras (a site down for a while is not dead);
    # the parking page after the last real capture is the afterlife
    assert life["first_afterlife_capture"] == f"{ERAS['parked']:%Y-%m-%dT%H:%M:%SZ}"
    kinds = {k["kind"] for k in life["afterlife_kinds"]}
    assert {"parked", "seized"} <= kinds


def test_completeness(got: dict[str, Any]) -> None:
    alive = len(rest("era2")["posts"])  # what the site had at its last capture
    estimates = {e["evidence"]: e for e in got["completeness"]["estimates"]}
    home = estimates["home page pagination"]
    assert (home["low"], home["high"]) == (alive, alive)
    assert home["as_of"][:10] == "2020-03-01"
    assert estimates["post-ID sequence"]["high"] >= max(p["id"] for p in rest("era2")["posts"])
    # Twenty Twenty-Three prints no Archives widget: the months after era 1's widget are not
    # counted by the site, so their sum is a floor
    months = estimates["months (Archives widget counts, month archives)"]
    assert months["high"] is None and months["low"] <= alive


def test_only_the_parking_pages_own_links_are_missing(got: dict[str, Any],
                                                      gold: dict[str, Any]) -> None:
    """The parking page's links are listed by the archive's index: post-shaped URLs whose only
    captures are parking pages. Every post of the site was got, so nothing else is missing."""
    assert {r["url"]: r["reason"] for r in got["missing_urls"]} == {
        f"{gold['site']}/2016/01/01/casino-bonus/": "only afterlife",
        f"{gold['site']}/lander/": "only afterlife"}
    renamed = {r["old_url"] for r in gold["changes"]["renamed"]}
    assert got["missing"]["by_reason"]["redirected"] >= len(renamed)
