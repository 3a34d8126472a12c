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
        ({"from": "2016-01-01"}, "expected a timestamp"),
        ({"to": "yesterday"}, "expected a timestamp"),
        ({"from": "20190101", "to": "2018"}, "is after"),
        ({"achive": "wayback", "site": "https://x.org"},
         r"unknown spider argument -a achive=: the archive spider takes -a site=, -a archive="),
    ],
)
def test_bad_arguments_say_what_was_expected(kwargs, message):
    with pytest.raises(ValueError, match=message):
        CrawlArgs.from_spider_kwargs(kwargs)
