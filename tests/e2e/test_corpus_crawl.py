"""The real command over a mirror made of the real archived deepdotweb.com pages."""

from __future__ import annotations

import shutil

import pytest

from tests.e2e.crawl import REPO, read_rows, scrapy_crawl

CORPUS = REPO.parent / "shared" / "corpus" / "deepdotweb" / "full"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus folder {CORPUS} is absent")

# SOURCE.md: file name -> (post ID, title, author, author slug, published, modified, categories,
# tags, comments)
FACTS = {
    15347: ("2016-09-08-first-time-trying-lsd-purchased-market",
            "First time trying LSD purchased from the Market.", "Ermando",
            "2016-09-08T05:57:58-03:00", None, ["Articles", "Featured"],
            ["lsd", "market", "purchased", "time"], 8),
    15428: ("2016-09-15-police-recruit-another-canine-sniffs-usb-drives",
            "Police Recruit Another Canine Who Sniffs Out USB Drives", "C. Aliens",
            "2016-09-15T09:00:38-03:00", "2016-09-12T22:03:48-03:00", ["Featured", "News Updates"],
            ["canine", "drives", "police", "recruit", "sniffs", "usb"], 5),
    15537: ("2016-09-24-suspect-arrested-ordering-130g-amphetamine-online",
            "Suspect Arrested After Ordering 130g Of Amphetamine Online", "C. Aliens",
            "2016-09-24T20:32:01+03:00", "2016-09-22T08:33:43+03:00", ["Featured", "News Updates"],
            ["130g", "amphetamine", "arrested", "online", "ordering", "suspect"], 0),
}


@pytest.fixture(scope="module")
def rows(tmp_path_factory) -> dict[int, dict]:
    """Lay the pages out as wayback_machine_downloader would, crawl, read back the CSV."""
    tmp = tmp_path_factory.mktemp("corpus")
    for name, *_ in FACTS.values():
        folder = tmp / "www.deepdotweb.com" / name[:4] / name[5:7] / name[8:10] / name[11:]
        folder.mkdir(parents=True)
        shutil.copyfile(CORPUS / f"{name}.html", folder / "index.html")
    output = tmp / "posts.csv"
    scrapy_crawl("-a", "site=https://www.deepdotweb.com", "-a", f"archive={tmp}", output=output,
                 settings={"ARCHIVE_STATE": str(tmp / "state.sqlite")})
    return {int(row["post_id"]): row for row in read_rows(output)}


def test_every_post_once(rows):
    assert sorted(rows) == sorted(FACTS)


@pytest.mark.parametrize("post_id", sorted(FACTS))
def test_fields(rows, post_id):
    name, title, author, published, modified, categories, tags, comments = FACTS[post_id]
    row = rows[post_id]
    assert row["url"] == f"https://www.deepdotweb.com/{name[:4]}/{name[5:7]}/{name[8:10]}/{name[11:]}/"
    assert row["slug"] == name[11:]
    assert row["title"] == title
    assert row["author"] == author
    assert row["published"] == published
    assert row["modified"] == (modified or "")
    assert row["categories"] == "|".join(categories)
    assert row["tags"] == "|".join(tags)
    assert row["comment_count"] == str(comments)
    assert row["source"] == "mirror"
    assert row["archive_url"].startswith("file://") and row["archive_url"].endswith("/index.html")
    assert int(row["word_count"]) > 100
