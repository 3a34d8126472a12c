"""``scrapy report`` on a crawl of a wget mirror with holes: two posts never downloaded (nor
their AMP pages), two holding a seizure banner (a mirror made after the site's death), none
with a capture time."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest

from tests.archives.afterlife import BANNER
from tests.report.run import crawl_into, figures, report
from tests.report.truth import months, post_figures
from tests.sitegen import build_site
from tests.sitegen.mirror import relative_path
from tests.sitegen.model import Post
from tests.sitegen.site import Site


@pytest.fixture(scope="module")
def site() -> Site:
    return build_site(theme="classic", n_posts=30, seed=4)


@pytest.fixture(scope="module")
def holes(site: Site) -> dict[str, list[Post]]:
    plain = [p for p in site.model.posts if p.linked and not p.sticky and p.old is None]
    return {"never captured": plain[3:5], "only afterlife": plain[-3:-1]}


@pytest.fixture(scope="module")
def got(site: Site, holes: dict[str, list[Post]],
        tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("mirror")
    host = site.write_mirror(folder / "mirror")
    for post in holes["never captured"]:  # neither the page nor its AMP copy
        (host / relative_path(post.url)).unlink()
        (host / relative_path(post.url + "amp/")).unlink()
    for post in holes["only afterlife"]:
        (host / relative_path(post.url)).write_bytes(BANNER)
    crawl_into(folder / "state.sqlite3", site.root, folder / "mirror")
    report(folder / "state.sqlite3", folder)
    return figures(folder)


def test_missing_posts_and_why(got: dict[str, Any], site: Site,
                               holes: dict[str, list[Post]]) -> None:
    expected = {p.url: reason for reason, posts in holes.items() for p in posts}
    # wget saves no redirect: the renamed post's old URL, which a post links, has no file
    expected |= {p.old.url: "never captured" for p in site.model.posts if p.old is not None}
    assert {r["url"]: r["reason"] for r in got["missing_urls"]} == expected
    # A month counts the missing URLs a page of the site led to; the files never saved were
    # known from links only (the banner files may be known first from the mirror's own list)
    linked = [r["url"] for r in got["missing_urls"] if r["found"] == "link"]
    assert {p.url for p in holes["never captured"]} <= set(linked)
    months = Counter("-".join(re.search(r"/(\d{4})/(\d{2})/", u).groups()) for u in linked)
    assert got["missing"]["by_month"] == dict(sorted(months.items()))
    dated = {f"{p.published:%Y-%m}" for posts in holes.values() for p in posts}
    partial = {m["month"] for m in got["months"] if m["status"] == "partial"}
    assert dated <= partial


def test_figures_of_the_posts_we_got(got: dict[str, Any], site: Site,
                                     holes: dict[str, list[Post]]) -> None:
    lost = {p.id for posts in holes.values() for p in posts}
    kept = [p for p in site.model.posts if p.id not in lost]
    truth = post_figures(site.model, kept)
    assert got["posts"]["posts"] == len(kept)
    assert got["fields"] == truth["fields"] and got["top"]["tags"] == truth["tags"]
    assert [(m["month"], m["posts"]) for m in got["months"]] == [
        (m["month"], m["posts"]) for m in months(site.model, kept)]


def test_a_mirror_has_no_capture_times(got: dict[str, Any], site: Site) -> None:
    assert got["captures"]["by_month"] == []
    assert got["captures"]["undated"]["mirror"] > len(site.model.posts)
    life = got["life"]
    assert life["first_real_capture"] is life["last_real_capture"] is None
    (kind,) = life["afterlife_kinds"]
    assert (kind["kind"], kind["captures"], kind["fetched"]) == ("seized", 2, 2)
    (page,) = life["afterlife_pages"]
    assert (page["title"], page["urls"]) == ("THIS WEBSITE HAS BEEN SEIZED", 2)
