"""The two-era WARC archive of a real WordPress (``scripts/wordpress/archive.py``) holds what its
gold says: every exported post has a capture, renamed posts redirect, deleted ones are gone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

DATA = Path(__file__).resolve().parents[1] / "data" / "wordpress-archive"


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    return json.loads((DATA / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def captures() -> dict[str, dict[str, tuple[str, str | None]]]:
    """Era -> URL -> (HTTP status, Location) of its response or revisit record."""
    found: dict[str, dict[str, tuple[str, str | None]]] = {}
    for era in ("era1", "era2"):
        with (DATA / f"{era}.warc.gz").open("rb") as stream:
            records = [r for r in ArchiveIterator(stream) if r.rec_type in ("response", "revisit")]
            found[era] = {r.rec_headers.get_header("WARC-Target-URI"): (
                r.http_headers.get_statuscode(), r.http_headers.get_header("Location"))
                for r in records}
    return found


def test_every_post_was_captured_at_its_url(gold, captures):
    urls = {url for era in captures.values() for url, (status, _) in era.items() if status == "200"}
    assert [p["url"] for p in gold["posts"] if p["url"] not in urls] == []
    assert len({p["post_id"] for p in gold["posts"]}) == len(gold["posts"]) == 45


def test_changes_between_the_eras(gold, captures):
    changes = gold["changes"]
    assert (len(changes["edited"]), len(changes["renamed"]), len(changes["deleted"]),
            len(changes["added"])) == (8, 2, 3, 5)
    for renamed in changes["renamed"]:
        assert captures["era1"][renamed["old_url"]] == ("200", None)
        assert captures["era2"][renamed["old_url"]] == ("301", renamed["new_url"])
    for deleted in changes["deleted"]:
        assert captures["era1"][deleted["url"]][0] == "200"
        assert captures["era2"][deleted["url"]][0] == "404"


def test_site_url_keeps_its_port(gold, captures):
    assert gold["site"] == "http://blog.example.net:8081"
    assert all(url.startswith(gold["site"]) for era in captures.values() for url in era)
