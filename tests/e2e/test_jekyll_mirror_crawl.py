"""The real command over a mirror laid out like the GitHub deepdotweb copy: Jekyll-style
``YYYY/MM/DD/<slug>/index.md`` stripped copies (front matter, then the post's ``<article>``)
beside full ``index.html`` pages. Built in the test from the real seed page and the three real
full pages; every field of every post is checked against SOURCE.md."""

from __future__ import annotations

import shutil

import pytest

from tests.e2e.crawl import REPO, read_rows, scrapy_crawl

CORPUS = REPO.parent / "shared" / "corpus" / "deepdotweb"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus folder {CORPUS} is absent")

SITE = "https://www.deepdotweb.com"
SEED = "000_babfe0c8defd85e9.txt"
SEED_PATH = "2017/11/18/twelve-kazakhstan-traffickers-raided-special-forces"
FULL = {  # post ID -> file name in full/ (its date and slug make the folder)
    15347: "2016-09-08-first-time-trying-lsd-purchased-market",
    15428: "2016-09-15-police-recruit-another-canine-sniffs-usb-drives",
    15537: "2016-09-24-suspect-arrested-ordering-130g-amphetamine-online",
}
EXPECTED = {
    23562: {
        "url": f"{SITE}/{SEED_PATH}/", "slug": SEED_PATH.rsplit("/", 1)[1],
        "title": "Twelve Kazakhstan Traffickers Raided by Special Forces",
        "author": "C. Aliens", "author_slug": "caliens",
        "published": "2017-11-18", "modified": None,
        "categories": ["Uncategorized"],
        "tags": ["forces", "kazakhstan", "raided", "special", "traffickers", "twelve"],
        "comment_count": 0, "published_raw": None, "modified_raw": None,
    },
    15347: {
        "title": "First time trying LSD purchased from the Market.", "author": "Ermando",
        "author_slug": "ermando", "published": "2016-09-08T05:57:58-03:00", "modified": None,
        "categories": ["Articles", "Featured"], "tags": ["lsd", "market", "purchased", "time"],
        "comment_count": 8, "published_raw": None, "modified_raw": None,
    },
    15428: {
        "title": "Police Recruit Another Canine Who Sniffs Out USB Drives", "author": "C. Aliens",
        "author_slug": "caliens", "published": "2016-09-15T09:00:38-03:00",
        "modified": "2016-09-12T22:03:48-03:00", "categories": ["Featured", "News Updates"],
        "tags": ["canine", "drives", "police", "recruit", "sniffs", "usb"], "comment_count": 5,
        "published_raw": None, "modified_raw": None,
    },
    15537: {
        "title": "Suspect Arrested After Ordering 130g Of Amphetamine Online",
        "author": "C. Aliens", "author_slug": "caliens",
        "published": "2016-09-24T20:32:01+03:00", "modified": "2016-09-22T08:33:43+03:00",
        "categories": ["Featured", "News Updates"],
        "tags": ["130g", "amphetamine", "arrested", "online", "ordering", "suspect"],
        "comment_count": 0, "published_raw": None, "modified_raw": None,
    },
}


def _folder(name: str) -> str:
    return f"{name[:4]}/{name[5:7]}/{name[8:10]}/{name[11:]}"


@pytest.fixture(scope="module")
def rows(tmp_path_factory) -> dict[int, dict]:
    """Seed as ``index.md``; full pages as ``index.html``, one with a stale ``index.md`` beside
    it (the HTML page must win); a README.md that is no page; crawl; read the JSON back."""
    tmp = tmp_path_factory.mktemp("jekyll")
    host = tmp / "www.deepdotweb.com"
    (host / SEED_PATH).mkdir(parents=True)
    shutil.copyfile(CORPUS / SEED, host / SEED_PATH / "index.md")
    for name in FULL.values():
        (host / _folder(name)).mkdir(parents=True)
        shutil.copyfile(CORPUS / "full" / f"{name}.html", host / _folder(name) / "index.html")
    stale = host / _folder(FULL[15347]) / "index.md"
    stale.write_text("---\ntitle: A stale copy\n---\n<article class='post-15347'></article>\n")
    (host / "README.md").write_text("# Deep Dot Web mirror\n")
    output = tmp / "posts.json"
    scrapy_crawl("-a", f"site={SITE}", "-a", f"archive={tmp}", output=output,
                 settings={"ARCHIVE_STATE": str(tmp / "state.sqlite")})
    return {row["post_id"]: row for row in read_rows(output)}


def test_every_post_once(rows):
    assert sorted(rows) == sorted(EXPECTED)


@pytest.mark.parametrize("post_id", sorted(EXPECTED))
def test_fields(rows, post_id):
    row = rows[post_id]
    got = {key: row[key] for key in EXPECTED[post_id]}
    assert got == EXPECTED[post_id]
    assert row["source"] == "mirror" and row["site"] == SITE


def test_full_pages_come_from_their_html_not_the_copy_beside_them(rows):
    for post_id, name in FULL.items():
        row = rows[post_id]
        assert row["url"] == f"{SITE}/{_folder(name)}/" and row["slug"] == name[11:]
        assert row["archive_url"].startswith("file://")
        assert row["archive_url"].endswith(f"/{_folder(name)}/index.html")


def test_the_copy_gives_its_body_without_front_matter_or_post_meta(rows):
    row = rows[23562]
    assert row["archive_url"].endswith(f"/{SEED_PATH}/index.md")
    text = row["content_text"]
    assert text.startswith("In the Kazakhstan cities of Almaty and Astana")
    assert text.endswith("the press release read.")
    for absent in ("---", "Posted by", "November 18, 2017", "Leave a comment"):
        assert absent not in text
    assert row["word_count"] == len(text.split()) > 300
    assert row["images"][0] == f"{SITE}/imgs/2017/11/word-image-12.png"
    assert len(row["images"]) == 2
    assert "http://www.knb.kz/ru/news/presecena-onlain-torgovla-narkotikami" in row["links"]
