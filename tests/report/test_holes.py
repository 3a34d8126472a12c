"""``scrapy report --json`` on a crawl of an archive with known holes (:mod:`.holes`): a month
the site published nothing in, a month never captured, posts with only errors, posts with only
a seizure banner. Every figure must equal what the site and its archive really hold."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from crawler.routing import classify
from tests.report.holes import AFTERLIFE, REAL, ROOT, Holes
from tests.report.run import crawl_into, figures, report
from tests.report.truth import category_counts, months, post_figures

LISTINGS = ("home", "category", "tag", "author", "year", "month", "day")


@pytest.fixture(scope="module")
def got(holes_report: Path) -> dict[str, Any]:
    return figures(holes_report)


def test_posts_per_month_tell_nothing_published_from_never_captured(
        got: dict[str, Any], holes: Holes) -> None:
    assert got["months"] == months(holes.model, holes.got)
    status = {m["month"]: m["status"] for m in got["months"]}
    assert status["2016-04"] == "published-nothing" and status["2016-06"] == "not-captured"
    assert status["2016-07"] == status["2016-08"] == "partial"


def test_missing_post_urls_with_why(got: dict[str, Any], holes: Holes) -> None:
    expected = {p.url: "never captured" for p in holes.never}
    expected |= {p.url: "only errors" for p in holes.errors}  # a 500, then the banner
    expected |= {p.url: "only afterlife" for p in holes.afterlife}
    # The renamed post's old slug, which another post links, redirected to a post never captured
    expected |= {p.old.url: "never captured" for p in holes.lost if p.old is not None}
    assert {r["url"]: r["reason"] for r in got["missing_urls"]} == expected
    # Never captured, they were known from links alone (the others, from links or the index,
    # whichever the crawl met first)
    assert all(r["found"] == "link" and r["linked_from"] for r in got["missing_urls"]
               if r["reason"] == "never captured")
    redirects = [u for u in holes.real.redirects if classify(u).kind is not None
                 and classify(u).kind.name == "POST"]
    reasons = got["missing"]["by_reason"]
    assert reasons == {"never captured": len(holes.never) + 1, "only errors": 2,
                       "only afterlife": 2, "not a post": 2, "redirected": len(redirects)}
    assert got["missing"]["missing"] == len(expected)


def test_completeness_by_every_kind_of_evidence(got: dict[str, Any], holes: Holes) -> None:
    linked = sum(p.linked for p in holes.model.posts)
    found = {e["evidence"]: (e["low"], e["high"]) for e in got["completeness"]["estimates"]}
    counts = category_counts(holes.model)
    assert found == {
        "home page pagination": (linked, linked),
        "months (Archives widget counts, month archives)": (linked, linked),
        "author archives": (linked, linked),
        "category counts": (max(counts.values()), sum(counts.values())),
        "post-ID sequence": (None, max(p.id for p in holes.model.posts if p.linked
                                       or p in holes.got)),
    }
    assert got["completeness"]["posts"] == len(holes.got)
    assert got["completeness"]["headline"]["share_low"] == len(holes.got) / linked
    printed = {c["name"]: c["count"] for c in got["printed"]["category"]}
    assert printed == counts
    home = next(x for x in got["listings"] if x["kind"] == "home")
    assert home["per_page"] == 8 and home["last_page_captured"] and home["have"] == len(holes.got)


def test_life_span_and_afterlife(got: dict[str, Any], holes: Holes) -> None:
    life, posts = got["life"], post_figures(holes.model, holes.got)
    assert life["first_post"] == posts["first_post"]
    assert life["last_post"] == posts["last_post"]
    assert life["first_real_capture"] == f"{REAL:%Y-%m-%dT%H:%M:%SZ}"  # the home page's
    assert life["last_real_capture"].startswith(f"{REAL:%Y-%m-%d}")
    assert life["first_afterlife_capture"] == f"{AFTERLIFE:%Y-%m-%dT%H:%M:%SZ}"
    banners = holes.banner.urls()
    (kind,) = life["afterlife_kinds"]
    assert kind["kind"] == "seized" and kind["captures"] == len(banners)
    assert kind["first"] == life["first_afterlife_capture"]
    (page,) = life["afterlife_pages"]
    assert page["title"] == "THIS WEBSITE HAS BEEN SEIZED"


def test_captures_per_month(got: dict[str, Any], holes: Holes) -> None:
    by = {(r["month"], r["page"], r["verdict"]): r["captures"] for r in got["captures"]["by_month"]}
    real, dead = f"{REAL:%Y-%m}", f"{AFTERLIFE:%Y-%m}"
    kinds = holes.site.kinds
    listings = [u for u in holes.real.pages if kinds[u] in LISTINGS]
    statics = [u for u in holes.real.pages if kinds[u] == "page"]
    assert by[real, "post pages", "real"] == len(holes.got) + len(statics)
    assert by[real, "post pages", "error"] == len(holes.errors)
    assert by[real, "listings", "real"] == len(listings)
    assert sum(n for (m, _, v), n in by.items() if m == dead) == len(holes.banner.urls())
    assert {r["source"] for r in got["captures"]["by_month"]} == {"warc"}


def test_what_the_posts_hold(got: dict[str, Any], holes: Holes) -> None:
    truth = post_figures(holes.model, holes.got)
    assert got["fields"] == truth["fields"]
    assert got["top"]["authors"] == truth["authors"]
    assert got["top"]["categories"] == truth["categories"]
    assert got["top"]["tags"] == truth["tags"]
    assert got["words"]["quartiles"] == truth["quartiles"]
    assert sum(b["posts"] for b in got["words"]["bins"]) == len(holes.got)


def test_runs(got: dict[str, Any], holes: Holes) -> None:
    (run,) = got["runs"]
    assert run["exported"] == run["new"] == len(holes.got)
    assert "2 WARC files" in run["archive"] and run["finish_reason"] == "finished"
    assert run["from"] is None and run["to"] is None


def test_a_recrawl_adds_a_run_and_no_row(holes_report: Path, holes: Holes,
                                         tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite3"
    state.write_bytes((holes_report / "state.sqlite3").read_bytes())
    before = _rows(state)
    crawl_into(state, ROOT, holes_report / "warcs")
    assert _rows(state) == before
    report(state, tmp_path)
    again = figures(tmp_path)
    assert [r["exported"] for r in again["runs"]] == [len(holes.got), 0]
    assert again["months"] == months(holes.model, holes.got)


def _rows(state: Path) -> dict[str, int]:
    with sqlite3.connect(state) as db:
        return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("capture_log", "listing_pages", "site_counts")}
