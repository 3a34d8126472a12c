"""The real deepdotweb.com pages (Sahifa theme) and the stripped seed page: every fact SOURCE.md
lists. The corpus lives outside the project; these tests skip when it is absent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from parsel import Selector

from crawler.pages import PostPage

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "deepdotweb"
SITE = "https://www.deepdotweb.com"

pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"deepdotweb corpus not found at {CORPUS} (shared checkout absent)"
)

PAGES: dict[str, dict[str, Any]] = {
    "full/2016-09-08-first-time-trying-lsd-purchased-market.html": {
        "url": f"{SITE}/2016/09/08/first-time-trying-lsd-purchased-market/",
        "kind": "post",
        "post_id": 15347,
        "title": "First time trying LSD purchased from the Market.",
        "author": "Ermando",
        "author_slug": "ermando",
        "published": "2016-09-08T05:57:58-03:00",
        "modified": None,
        "categories": ["Articles", "Featured"],
        "tags": ["lsd", "market", "purchased", "time"],
        "comment_count": 8,
        "canonical": f"{SITE}/2016/09/08/first-time-trying-lsd-purchased-market/",
        "starts": "he following article is a work of non fiction. It was written to give a "
                  "detailed insight into the Authors experience when trying LSD.",
        "ends": "LSD Information for a first time user. What to expect, how to use safely, laws "
                "and other information regarding LSD",
        "absent": ["You might also like", "Leave a Reply", "Drama queen", "Thanks for the article",
                   "Posted by", "8 Comments", "Articles, Featured"],
        "images": 4,
    },
    "full/2016-09-15-police-recruit-another-canine-sniffs-usb-drives.html": {
        "url": f"{SITE}/2016/09/15/police-recruit-another-canine-sniffs-usb-drives/",
        "kind": "post",
        "post_id": 15428,
        "title": "Police Recruit Another Canine Who Sniffs Out USB Drives",
        "author": "C. Aliens",
        "author_slug": "caliens",
        "published": "2016-09-15T09:00:38-03:00",
        "modified": "2016-09-12T22:03:48-03:00",
        "categories": ["Featured", "News Updates"],
        "tags": ["canine", "drives", "police", "recruit", "sniffs", "usb"],
        "comment_count": 5,
        "canonical": f"{SITE}/2016/09/15/police-recruit-another-canine-sniffs-usb-drives/",
        "starts": "A young black Labrador is the police’s latest recruit to a new, highly "
                  "specialized form of investigation.",
        "ends": "“Even if he worked 19 years and we were only able to get one really bad guy "
                "with him, to me that’s worth it.”",
        "absent": ["You might also like", "Leave a Reply", "Posted by", "5 Comments", "Reply"],
        "images": 1,
    },
    "full/2016-09-24-suspect-arrested-ordering-130g-amphetamine-online.html": {
        "url": f"{SITE}/2016/09/24/suspect-arrested-ordering-130g-amphetamine-online/",
        "kind": "post",
        "post_id": 15537,
        "title": "Suspect Arrested After Ordering 130g Of Amphetamine Online",
        "author": "C. Aliens",
        "author_slug": "caliens",
        "published": "2016-09-24T20:32:01+03:00",
        "modified": "2016-09-22T08:33:43+03:00",
        "categories": ["Featured", "News Updates"],
        "tags": ["130g", "amphetamine", "arrested", "online", "ordering", "suspect"],
        "comment_count": 0,
        "canonical": f"{SITE}/2016/09/24/suspect-arrested-ordering-130g-amphetamine-online/",
        "starts": "In Croatia, the Dubrovnik-Neretva County Criminal Police Department began to "
                  "suspect an individual for drug related crimes.",
        "ends": "Further details have not been made public.",
        "absent": ["You might also like", "Leave a Reply", "Leave a comment", "Posted by"],
        "images": 1,
    },
    "000_babfe0c8defd85e9.txt": {
        "url": f"{SITE}/2017/11/18/twelve-kazakhstan-traffickers-raided-special-forces/",
        "kind": "post",
        "post_id": 23562,
        "title": "Twelve Kazakhstan Traffickers Raided by Special Forces",
        "author": "C. Aliens",
        "author_slug": "caliens",
        "published": "2017-11-18",
        "modified": None,
        "categories": ["Uncategorized"],
        "tags": ["forces", "kazakhstan", "raided", "special", "traffickers", "twelve"],
        "comment_count": 0,
        "canonical": None,
        "starts": "In the Kazakhstan cities of Almaty and Astana, the country’s National Security "
                  "Committee (NSC) carried out a large-scale operation",
        "ends": "the press release read.",
        "absent": ["Posted by", "C. Aliens", "November 18, 2017", "Uncategorized",
                   "Leave a comment", "kazakhstan raided", "2017-11-18", "---"],
        "images": 2,
    },
}
FIELDS = ("post_id", "title", "author", "author_slug", "published", "modified", "categories",
          "tags", "comment_count", "canonical")


def _page(name: str) -> PostPage:
    html = (CORPUS / name).read_text(encoding="utf-8")
    return PostPage(Selector(text=html), PAGES[name]["url"])


@pytest.fixture(scope="module")
def extracted() -> dict[str, tuple[str, dict[str, Any]]]:
    """kind and fields of every page, extracted once."""
    return {name: (page.kind, page.fields()) for name in PAGES for page in [_page(name)]}


@pytest.mark.parametrize("name", PAGES)
def test_kind(extracted, name):
    assert extracted[name][0] == PAGES[name]["kind"]


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("name", PAGES)
def test_field(extracted, name, field):
    assert extracted[name][1][field] == PAGES[name][field]


@pytest.mark.parametrize("name", PAGES)
def test_body_starts_with_first_sentence(extracted, name):
    assert extracted[name][1]["content_text"].startswith(PAGES[name]["starts"])


@pytest.mark.parametrize("name", PAGES)
def test_body_ends_with_last_sentence(extracted, name):
    assert extracted[name][1]["content_text"].endswith(PAGES[name]["ends"])


@pytest.mark.parametrize("name", PAGES)
def test_body_holds_no_meta_share_related_or_comment_text(extracted, name):
    text = extracted[name][1]["content_text"]
    assert [phrase for phrase in PAGES[name]["absent"] if phrase in text] == []


@pytest.mark.parametrize("name", PAGES)
def test_body_images_are_absolute(extracted, name):
    images = extracted[name][1]["images"]
    assert len(images) == PAGES[name]["images"]
    assert all(image.startswith(f"{SITE}/") for image in images)


@pytest.mark.parametrize("name", PAGES)
def test_word_count_counts_the_text(extracted, name):
    fields = extracted[name][1]
    assert fields["word_count"] == len(fields["content_text"].split()) > 100


def test_first_page_body_keeps_its_list_items_as_paragraphs(extracted):
    name = "full/2016-09-08-first-time-trying-lsd-purchased-market.html"
    text = extracted[name][1]["content_text"]
    assert "\n\nDon’t trip alone\n\n" in text


def test_seed_links_resolve_against_the_page_url(extracted):
    links = extracted["000_babfe0c8defd85e9.txt"][1]["links"]
    assert links == [
        "http://www.knb.kz/ru/news/presecena-onlain-torgovla-narkotikami",
        f"{SITE}/marketplace-directory/listing/rutor/",
        f"{SITE}/2017/09/21/russian-authorities-busted-ramp-oldest-darknet-market/",
    ]
