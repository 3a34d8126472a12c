"""What a long crawl keeps per URL, and how often Python's collector walks it (issue 14)."""

from __future__ import annotations

import gc
import sys

from crawler.gctuning import THRESHOLDS, GcTuning
from crawler.seen import SeenUrls

URLS = [f"https://www.example.org/2017/11/{i % 28 + 1:02d}/a-post-with-a-long-slug-{i:06d}/"
        for i in range(20_000)]


def test_seen_urls_answer_like_a_set():
    seen = SeenUrls()
    for url in URLS[::2]:
        seen.add(url)
    seen.add(URLS[0])
    assert len(seen) == len(URLS) // 2
    assert all(url in seen for url in URLS[::2])
    assert not any(url in seen for url in URLS[1::2])


def test_seen_urls_hold_a_fraction_of_the_strings():
    seen, plain = SeenUrls(), set()
    for url in URLS:
        seen.add(url)
        plain.add(url)
    hashes = seen._hashes
    kept = sys.getsizeof(hashes) + sum(sys.getsizeof(h) for h in hashes)
    strings = sys.getsizeof(plain) + sum(sys.getsizeof(u) for u in plain)
    assert kept < strings * 2 / 3, (kept, strings)  # the set's own table is the same size
    assert all(sys.getsizeof(h) <= 32 for h in hashes)


def test_gc_tuning_freezes_the_start_and_restores_the_defaults():
    before = gc.get_threshold()
    tuning = GcTuning()
    try:
        tuning.engine_started()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == THRESHOLDS
    finally:
        tuning.spider_closed()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
