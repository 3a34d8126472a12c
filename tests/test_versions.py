"""Which version of a post is newer, and the record two versions make together."""

from crawler.versions import is_newer, merge, post_key

SITE = "https://www.example.org"


def version(**fields):
    base = {"post_id": 7, "site": SITE, "url": SITE + "/a/", "title": "A", "author": "Anna",
            "author_slug": "anna", "published": "2017-01-01", "published_raw": None,
            "modified": None, "modified_raw": None, "categories": ["News"], "tags": ["t"],
            "comment_count": 2, "content_html": "<p>Body</p>", "content_text": "Body",
            "word_count": 1, "images": [], "links": [], "archive_url": "a1",
            "captured_at": "2018-01-01T00:00:00Z", "source": "warc"}
    return {**base, **fields}


def test_modified_decides_when_both_show_it_else_the_capture_time():
    edited = version(modified="2018-05-01T00:00:00+00:00", captured_at="2018-06-01T00:00:00Z")
    stale = version(modified="2018-01-01T00:00:00+00:00", captured_at="2019-06-01T00:00:00Z")
    assert is_newer(edited, stale) and not is_newer(stale, edited)  # a stale copy captured later
    hidden = version(modified=None, captured_at="2020-01-01T00:00:00Z")
    assert is_newer(hidden, edited)  # a theme hiding the date does not make a capture old
    assert not is_newer(version(), version()) and not is_newer(version(captured_at=None), version())


def test_each_field_from_the_newest_version_that_shows_it():
    old = version(modified="2017-02-01T00:00:00+00:00", captured_at="2018-01-01T00:00:00Z")
    new = version(author=None, author_slug=None, modified=None, tags=[], comment_count=None,
                  title="B", captured_at="2020-01-01T00:00:00Z", archive_url="a2")
    merged = merge(old, new)
    assert merged["title"] == "B" and merged["archive_url"] == "a2"
    assert (merged["author"], merged["author_slug"], merged["tags"], merged["comment_count"]) == (
        "Anna", "anna", ["t"], 2)
    assert merged["modified"] == "2017-02-01T00:00:00+00:00"
    assert merge(new, old) == merged  # the order versions arrive in does not matter


def test_a_date_and_its_raw_text_travel_together():
    parsed = version(published="2017-01-01", captured_at="2018-01-01T00:00:00Z")
    unparsed = version(published=None, published_raw="3 Brumaire an XXVI",
                       captured_at="2019-01-01T00:00:00Z")
    merged = merge(parsed, unparsed)
    assert (merged["published"], merged["published_raw"]) == (None, "3 Brumaire an XXVI")


def test_the_body_and_its_provenance_come_from_the_newest_version_with_a_body():
    full = version(captured_at="2018-01-01T00:00:00Z", archive_url="a1", source="warc")
    empty = version(content_html="", content_text="", word_count=0, archive_url="a2",
                    captured_at="2019-01-01T00:00:00Z", source="wayback", url=SITE + "/b/")
    merged = merge(full, empty)
    assert (merged["content_text"], merged["archive_url"], merged["source"]) == (
        "Body", "a1", "warc")
    assert merged["url"] == SITE + "/b/"  # the newest capture's URL: the post's current permalink


def test_ties_go_to_the_incoming_version_unless_told_otherwise():
    first, again = version(url=SITE + "/a/"), version(url=SITE + "/?p=7")
    assert merge(first, again)["url"] == SITE + "/?p=7"
    assert merge(first, again, ties_to_incoming=False)["url"] == SITE + "/a/"


def test_posts_are_keyed_by_id_else_by_url():
    assert post_key(version()) == (SITE, "id:7")
    assert post_key(version(post_id=None)) == (SITE, f"url:{SITE}/a/")
