import pytest
from scrapy.settings import Settings

from crawler.args import CrawlArgs


def test_known_arguments_become_settings_and_leave_kwargs():
    kwargs = {"site": " https://www.deepdotweb.com ", "archive": "live", "from": "2016",
              "to": "20190501", "other": "x"}
    settings = Settings({"ARCHIVE_SITE": "https://www.example.org"})
    CrawlArgs.from_spider_kwargs(kwargs).apply(settings)
    assert kwargs == {"other": "x"}
    assert settings["ARCHIVE_SITE"] == "https://www.deepdotweb.com"
    assert settings["ARCHIVE"] == "live"
    assert settings["ARCHIVE_FROM"] == "2016"
    assert settings["ARCHIVE_TO"] == "20190501"


def test_missing_arguments_keep_settings():
    settings = Settings({"ARCHIVE_SITE": "https://www.example.org", "ARCHIVE": "sample_archive"})
    CrawlArgs.from_spider_kwargs({}).apply(settings)
    assert settings["ARCHIVE_SITE"] == "https://www.example.org"
    assert settings["ARCHIVE"] == "sample_archive"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"site": "www.deepdotweb.com"}, "site must be an http"),
        ({"from": "2016-01-01"}, "expected a timestamp"),
        ({"to": "yesterday"}, "expected a timestamp"),
        ({"from": "20190101", "to": "2018"}, "is after"),
    ],
)
def test_bad_arguments_say_what_was_expected(kwargs, message):
    with pytest.raises(ValueError, match=message):
        CrawlArgs.from_spider_kwargs(kwargs)
