"""Dates as pages print them: the reader (formats, languages, zones) and the page's choice of
date (sources, local offsets, what stays raw)."""

from __future__ import annotations

import time
from datetime import datetime

import pytest
from parsel import Selector

from crawler.pages import PostPage, datetext
from crawler.pages.datetext import _DAY_FORMATS, _TIME_FORMATS, _ZONES, parse_date, to_iso

from .minimal import fields


@pytest.mark.parametrize(
    ("text", "languages", "iso"),
    [
        ("2016-09-08T05:57:58-03:00", (), "2016-09-08T05:57:58-03:00"),
        ("2016-09-08T05:57:58-0300", (), "2016-09-08T05:57:58-03:00"),
        ("2018-08-16T10:29:20Z", (), "2018-08-16T10:29:20+00:00"),
        ("2019-11-20T01:53:14.418", (), "2019-11-20T01:53:14"),
        ("2019-11-18 17:19:53 GMT", (), "2019-11-18T17:19:53+00:00"),
        ("2018-10-15 10:33:49", (), "2018-10-15T10:33:49"),
        ("2016-09-08", (), "2016-09-08"),
        ("November 19, 2019, 9:02 AM", (), "2019-11-19T09:02:00"),
        ("November 19th, 2019 at 8:40 AM", (), "2019-11-19T08:40:00"),
        ("Wednesday 20 November 2019 9:22 am", ("en-GB",), "2019-11-20T09:22:00"),
        ("18 November 2019", (), "2019-11-18"),
        ("Nov. 19, 2019 5:53 PM", ("en-US",), "2019-11-19T17:53:00"),
        ("Nov 19, 2019, 10:31 pm CST", ("en-US",), "2019-11-19T22:31:00-06:00"),
        ("20 November 2019 08:05 GMT", (), "2019-11-20T08:05:00+00:00"),
        ("15.2.2018, 19:51", ("de-DE",), "2018-02-15T19:51:00"),
        ("3. August 2015", ("de",), "2015-08-03"),
        ("8 сентября 2016", ("ru-RU",), "2016-09-08"),
        ("sexta-feira, 22 de outubro de 2010 às 20:13", ("pt-BR",), "2010-10-22T20:13:00"),
        ("Maret 30, 2015", ("id-ID",), "2015-03-30"),
        ("02 Ago 2017", ("it-IT",), "2017-08-02"),
        ("2015年3月30日", ("ja",), "2015-03-30"),
        ("21/06/2014", ("en-GB",), "2014-06-21"),
        ("11/20/19 6:38 AM", ("en-US",), "2019-11-20T06:38:00"),
        ("27/09/2018", ("pt-BR", "en_US"), "2018-09-27"),
        # the page says nothing (or something wrong) about its language
        ("8 сентября 2016", (), "2016-09-08"),
        ("8 сентября 2016", ("en-US",), "2016-09-08"),
    ],
)
def test_reads_dates_as_pages_print_them(text, languages, iso):
    parsed = parse_date(text, languages)
    assert parsed is not None and to_iso(parsed) == iso


@pytest.mark.parametrize("text", ["2 days", "Monday", "Copyright 2019", "xyz 2019", "",
                                  "Posted in News", "2019-13-45", "12 Comments"])
def test_non_dates_are_none(text):
    assert parse_date(text, ("en",)) is None


@pytest.mark.parametrize("zone", sorted(_ZONES))
@pytest.mark.parametrize("shown", ["Nov. 19, 2019 8:03 am", "November 18, 2019 at 11:07 PM",
                                   "19 Nov 2019 07:09", "Tuesday November 19 2019 17:45"])
def test_zoned_english_dates_read_as_dateparser_reads_them(zone, shown):
    text = f"{shown} {zone}"
    fast, slow = datetext._parse_english(text), datetext._parse_any(text, ("en",))
    assert isinstance(fast, datetime) and slow is not None
    assert (fast, fast.utcoffset()) == (slow, slow.utcoffset())


@pytest.mark.parametrize(("text", "readable"), [
    ("Nov 19, 2019, 10:31 pm", True), ("19 November 2019 09:05", True),
    ("2019/11/19 9:05:07 AM", True), ("Tue Nov 19 2019 9:05", True), ("19.11.2019", True),
    ("Tuesday 19 November 2019", True), ("November 19 2019 9:05am", True),
    ("19.11.2019 21:05:07", True), ("Nov 19 2019 21:05 PM", False), ("19 Nov 2019 pm", False),
    ("Posted 19 Nov 2019", False),
])
def test_formats_are_pruned_by_shape_only(text, readable, monkeypatch):
    pruned = datetext._parse_english(text)
    assert (pruned is not None) == readable
    monkeypatch.setattr(datetext, "_formats", lambda clock, *_: _TIME_FORMATS if clock
                        else _DAY_FORMATS)
    assert datetext._parse_english(text) == pruned


def test_a_failing_guess_stays_cheap():
    parse_date("Leave 12 comments 2019", ("xx",))  # loads the fallback languages once
    start = time.process_time()
    for _ in range(20):
        assert parse_date("Leave 12 comments 2019", ()) is None
    assert (time.process_time() - start) / 20 < 0.02


def _page(body: str, head: str = "", lang: str = "en-US") -> dict:
    html = (f'<html lang="{lang}"><head>{head}</head>'
            f'<body class="single postid-7">{body}</body></html>')
    return PostPage(Selector(text=html), "https://example.org/2019/11/18/a/").fields()


def test_utc_meta_restated_in_the_offset_the_byline_shows():
    head = '<meta property="article:published_time" content="2019-11-19T07:03:25+00:00">'
    body = ('<article class="post-7"><div class="byline">'
            '<time datetime="2019-11-19T07:03:25+00:00">'
            'November 18, 2019 11:03 PM</time></div><div class="entry-content"><p>x</p></div>'
            '</article>')
    assert _page(body, head)["published"] == "2019-11-18T23:03:25-08:00"


def test_utc_meta_restated_by_a_zoned_byline():
    head = '<meta property="article:published_time" content="2019-11-20T04:31:13+00:00">'
    body = ('<article class="post-7"><span class="date">Nov 19, 2019, 10:31 pm CST</span>'
            '<div class="entry-content"><p>x</p></div></article>')
    assert _page(body, head)["published"] == "2019-11-19T22:31:13-06:00"


def test_utc_meta_restated_by_a_local_stamp_with_the_same_wall_clock_seconds():
    head = ('<meta property="article:published_time" content="2019-11-20T02:59:46+00:00">'
            '<meta name="pubdate" content="2019-11-19 20:59:46">')
    assert _page("<article class='post-7'><p>x</p></article>", head)["published"] \
        == "2019-11-19T20:59:46-06:00"


def test_a_shown_time_that_is_not_the_same_moment_changes_nothing():
    head = '<meta property="article:published_time" content="2019-11-19T07:03:25+00:00">'
    body = ('<article class="post-7"><span class="date">November 18, 2019 11:07 PM</span>'
            '<div class="entry-content"><p>x</p></div></article>')
    assert _page(body, head)["published"] == "2019-11-19T07:03:25+00:00"


def test_shown_date_in_the_page_language_with_raw_kept_when_unreadable():
    body = ('<article class="post-7"><span class="posted-on">3. August 2015</span>'
            '<div class="entry-content"><p>Am 1. Mai 2014 trafen wir uns.</p></div></article>')
    assert _page(body, lang="de-DE")["published"] == "2015-08-03"
    head = '<meta property="article:published_time" content="sometime in spring">'
    found = _page("<article class='post-7'><p>x</p></article>", head)
    assert (found["published"], found["published_raw"]) == (None, "sometime in spring")


def test_byline_above_the_entry_in_the_title_header():
    body = ('<header><h1>A post</h1><div>Written by Ann on November 14, 2019</div></header>'
            '<article class="article-body"><p>Text from 2 May 2001.</p></article>')
    assert _page(body)["published"] == "2019-11-14"


def test_comment_and_body_dates_never_count():
    body = ('<article class="post-7"><div class="entry-content"><p>On 1 April 2014 we met.</p>'
            '</div><ol class="commentlist"><li>May 5, 2016 at 5:00 pm</li></ol></article>')
    assert fields(body)["published"] is None


# a stripped copy's loose date line, in any language, is no part of its body -------------------

@pytest.mark.parametrize(("line", "lang"), [
    ("November 18, 2019 at 9:02 am", "en"),
    ("3. August 2015", "de"),
    ("22 de outubro de 2010 às 20:13", "pt-BR"),
    ("8 сентября 2016", "ru"),
    ("2015年3月30日", "ja"),
    ("27/09/2018", "fr"),
])
def test_a_stripped_copy_loses_its_date_line_in_any_language(line, lang):
    body = (f'<article class="post-7"><div class="post-content"><span>{line}</span>'
            '<p>Chapter 12, 2019 was a long year for the port.</p>'
            '<p><strong>Chapter 12, 2019</strong></p></div></article>')
    text = _page(body, lang=lang)["content_text"]
    assert line not in text
    # the shape of a date, but no date: kept
    assert text.split("\n\n") == ["Chapter 12, 2019 was a long year for the port.",
                                  "Chapter 12, 2019"]
