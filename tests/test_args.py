import pytest
from scrapy.settings import Settings

from crawler.args import CrawlArgs


def test_known_arguments_become_settings_and_leave_kwargs():
    kwargs = {"site": " https://www.deepdotweb.com ", "archive": "live", "from": "2016",
              "to": "20190501", "_job": "x"}
    settings = Settings({"ARCHIVE_SITE": "https://www.example.org"})
    CrawlArgs.from_spider_kwargs(kwargs).apply(settings)
    assert kwargs == {"_job": "x"}  # scrapyd's own arguments are left to the spider
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
        ({"from": "2016-13"}, "expected a date or timestamp"),
        ({"from": "201613"}, "expected a date or timestamp"),
        ({"to": "2019-02-30"}, "expected a date or timestamp"),
        ({"to": "yesterday"}, "expected a date or timestamp"),
        ({"from": "20190101", "to": "2018"}, "is after"),
        ({"from": "2019-01-01", "to": "2018-12"}, "is after"),
        ({"achive": "wayback", "site": "https://x.org"},
         r"unknown spider argument -a achive=: the archive spider takes -a site=, -a archive="),
    ],
)
def test_bad_arguments_say_what_was_expected(kwargs, message):
    with pytest.raises(ValueError, match=message):
        CrawlArgs.from_spider_kwargs(kwargs)


@pytest.mark.parametrize(("given", "window"), [
    ("2016", "2016"), ("2016-06", "201606"), ("2016-06-30", "20160630"),
    ("2016-06-30T12:05", "201606301205"), ("2016-06-30 12:05:09", "20160630120509"),
    ("20160630120509", "20160630120509"),
])
def test_the_window_takes_the_dates_scrapy_export_takes(given, window):
    """``-a from=2016-06`` as ``scrapy export --from 2016-06`` reads it: a Wayback timestamp."""
    settings = Settings()
    CrawlArgs.from_spider_kwargs({"from": given, "to": given}).apply(settings)
    assert (settings["ARCHIVE_FROM"], settings["ARCHIVE_TO"]) == (window, window)
