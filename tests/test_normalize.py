import pytest

from crawler.normalize import clean_block_text, clean_text, iso_datetime, sort_key, unique


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2016-09-08T05:57:58-03:00", "2016-09-08T05:57:58-03:00"),
        ("2016-09-24T20:32:01+03:00", "2016-09-24T20:32:01+03:00"),
        ("2016-09-08T08:57:58Z", "2016-09-08T08:57:58+00:00"),
        ("2016-09-08T05:57:58+0000", "2016-09-08T05:57:58+00:00"),
        ("2016-09-08T05:57:58.123456-03:00", "2016-09-08T05:57:58-03:00"),
        ("2016-09-08 05:57:58", "2016-09-08T05:57:58"),
        ("  2016-09-08  ", "2016-09-08"),
        ("September 8, 2016", "2016-09-08"),
        ("Sep 8, 2016", "2016-09-08"),
        ("8th September 2016", "2016-09-08"),
        ("November 18, 2017", "2017-11-18"),
        ("", None),
        (None, None),
        ("2 days ago", None),
    ],
)
def test_iso_datetime(raw, iso):
    assert iso_datetime(raw) == iso


def test_clean_text_decodes_entities_and_collapses_space():
    raw = "  Twelve&nbsp;Kazakhstan &amp;\n Co&#8217;s "
    assert clean_text(raw) == "Twelve Kazakhstan & Co\u2019s"


def test_clean_block_text_keeps_paragraphs():
    assert clean_block_text(" a  b \n\n\n\n c\xa0d \nline ") == "a b\n\nc d\nline"


def test_sort_key_compares_instants_across_offsets():
    assert sort_key("2016-09-08T06:00:00-03:00") > sort_key("2016-09-08T08:00:00+00:00")
    assert sort_key(None) < sort_key("1999-01-01")


def test_unique_keeps_first_order():
    assert unique(["b", " a ", "b", "", "A"]) == ["b", "a", "A"]
