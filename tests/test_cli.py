"""``scrapy crawl archive`` as a person types it: typos, bad values, help, defaults."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.e2e.crawl import REPO


def scrapy(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scrapy", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=60, env={**os.environ, **(env or {})})


@pytest.mark.parametrize(("args", "message"), [
    (["-a", "achive=wayback", "-a", "site=https://x.org"],
     "error: unknown spider argument -a achive=: the archive spider takes -a site=, -a archive="),
    (["-a", "archive=/no/such/folder"], "error: archive folder '/no/such/folder' does not exist"),
    (["-a", "from=2016-13"], "error: -a from='2016-13': expected a date or timestamp"),
    (["-a", "site=deepdotweb.com"], "error: site must be an http(s) URL"),
])
def test_bad_arguments_are_one_line_and_exit_2_before_the_crawl(args, message):
    result = scrapy("crawl", "archive", *args, "-s", "ARCHIVE_STATE=")
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr and "Spider opened" not in result.stderr


def test_scrapyd_arguments_are_not_typos(tmp_path):
    result = scrapy("crawl", "archive", "-a", "_job=abc123", "-O", str(tmp_path / "o.json"),
                    "-s", "ARCHIVE_STATE=", "-s", "ARCHIVE_PROGRESS_INTERVAL=0")
    assert result.returncode == 0, result.stderr[-2000:]


def test_help_lists_the_spider_arguments_one_per_line():
    result = scrapy("crawl", "archive", "-h")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    for name in ("site=URL", "archive=WHERE", "from=YYYY[MM[DD[hhmmss]]]",
                 "to=YYYY[MM[DD[hhmmss]]]", "full_recrawl=1"):
        assert any(line.strip().startswith(f"-a {name}") for line in lines), name


def test_the_default_archive_is_named(tmp_path):
    result = scrapy("crawl", "archive", "-O", str(tmp_path / "o.json"), "-s", "ARCHIVE_STATE=")
    assert "No -a archive= given: reading the ARCHIVE setting's default, 'sample_archive'" \
        in result.stderr
    forgot = scrapy("crawl", "archive", "-a", "site=https://www.example.org", "-O",
                    str(tmp_path / "o.json"), "-s", "ARCHIVE_STATE=")
    assert "WARNING: No -a archive= given" in forgot.stderr
    given = scrapy("crawl", "archive", "-a", "archive=sample_archive", "-O",
                   str(tmp_path / "o.json"), "-s", "ARCHIVE_STATE=")
    assert "No -a archive=" not in given.stderr
    from_env = scrapy("crawl", "archive", "-O", str(tmp_path / "o.json"), "-s", "ARCHIVE_STATE=",
                      env={"ARCHIVE": "sample_archive"})
    assert "No -a archive=" not in from_env.stderr


def test_a_component_dict_given_on_the_command_line_says_what_it_dropped(tmp_path):
    from crawler import settings as project

    out, state = str(tmp_path / "o.json"), f"ARCHIVE_STATE={tmp_path}/state.sqlite3"
    replaced = scrapy("crawl", "archive", "-O", out, "-s", state,
                      "-s", 'EXTENSIONS={"crawler.progress.ProgressLog": 500}')
    warning = next(line for line in replaced.stderr.splitlines()
                   if "EXTENSIONS given on the command line replaces the project's" in line)
    assert "crawler.state.CrawlState" in warning and "crawler.progress" not in warning
    merged = {**project.EXTENSIONS, "crawler.gctuning.GcTuning": None}  # off on purpose
    kept = scrapy("crawl", "archive", "-O", out, "-s", state,
                  "-s", f"EXTENSIONS={json.dumps(merged)}")
    assert "given on the command line replaces" not in kept.stderr


POST = "https://www.example.org/2016/01/29/thechurch-shipped-forged-passports-from-vienna/"


def test_scrapy_shell_and_fetch_open_a_page_from_the_archive():
    """Scrapy's own commands see the page as the crawl does: from the archive (here the sample
    mirror, the ARCHIVE setting's default), never from the network."""
    shell = scrapy("shell", "--nolog", POST, "-c",
                   "(response.status, response.meta['archive_capture'].source, "
                   "response.css('title::text').get())")
    assert shell.returncode == 0, shell.stderr[-2000:]
    assert "(200, 'mirror', 'TheChurch Shipped Forged passports From Vienna" in shell.stdout
    fetch = scrapy("fetch", "--nolog", POST)
    assert "<title>TheChurch Shipped Forged passports From Vienna" in fetch.stdout


def test_scrapy_parse_and_check_run_the_spider_on_the_archive():
    parse = scrapy("parse", "--nolog", "--spider", "archive", POST, "-s", "ARCHIVE_STATE=")
    assert "'author': 'C. Aliens'" in parse.stdout and "'post_id': 101" in parse.stdout
    check = scrapy("check", "archive", "-s", "ARCHIVE_STATE=")
    assert check.returncode == 0, check.stderr[-2000:]
    assert "Ran 3 contracts" in check.stderr and "OK" in check.stderr
