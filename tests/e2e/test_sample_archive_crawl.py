"""The README's first command: ``scrapy crawl archive`` with no arguments crawls the sample."""

from __future__ import annotations

import json
import re

from tests.e2e.compare import assert_same_dataset
from tests.e2e.crawl import REPO, read_rows, scrapy_crawl


def test_default_crawl_writes_the_sample_dataset_and_reports_progress(tmp_path):
    output = tmp_path / "sample.json"
    result = scrapy_crawl(output=output, settings={"ARCHIVE_PROGRESS_INTERVAL": "0.05"})
    expected = json.loads((REPO / "sample_archive" / "expected.json").read_text(encoding="utf-8"))
    assert_same_dataset(read_rows(output), expected)
    log = result.stderr
    assert re.search(r"Progress: \d+ pages fetched, \d+ posts and \d+ comments exported "
                     r"\(\d+ comments found\), \d+ duplicates merged, "
                     r"\d+ unchanged and \d+ known captures skipped since the last run, "
                     r"\d+ errors", log)
    summary = re.search(r"Summary \(finished\): (\d+) pages fetched, (\d+) posts and \d+ comments "
                        r"exported \(\d+ comments found\), "
                        r"(\d+) duplicates merged, 0 unchanged and 0 known captures skipped "
                        r"since the last run, 0 errors; "
                        r"(\d+) links not followed", log)
    assert summary, log[-3000:]
    pages, posts, duplicates, refused = map(int, summary.groups())
    assert posts == len(expected)
    assert duplicates >= 1  # the sample holds an older capture of a renamed post, and ?p=N copies
    assert pages > posts and refused > 0
