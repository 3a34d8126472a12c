"""What a long crawl keeps per URL, and how often Python's collector walks it (issue 14)."""

from __future__ import annotations

import gc
import random
import tracemalloc

import pytest

from crawler.gctuning import THRESHOLDS, GcTuning
from crawler.seen import MASK, HashSet, SeenUrls

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


def test_hash_set_answers_like_a_set_across_its_folds():
    rng = random.Random(14)
    values = [rng.getrandbits(60) for _ in range(200_000)]
    members, others = values[::2], values[1::2]
    kept = HashSet()
    for value in members:
        kept.add(value)
    for value in members[:1000]:
        kept.add(value)  # again: not counted twice
    assert len(kept) == len(set(members))
    assert all(value in kept for value in members)
    assert not any(value in kept for value in others)
    assert 0 not in kept and MASK not in kept
    kept.add(0)
    kept.add(MASK)
    assert 0 in kept and MASK in kept


def test_hash_set_refuses_what_its_arrays_cannot_hold():
    kept = HashSet()
    for value in (-1, MASK + 1, 1 << 64):
        with pytest.raises(ValueError):
            kept.add(value)


def test_hash_set_costs_a_fifth_of_a_set_of_ints():
    rng = random.Random(60)
    values = [rng.getrandbits(60) for _ in range(300_000)]

    def allocated(build):
        tracemalloc.start()
        try:
            kept = build()
            return tracemalloc.get_traced_memory()[0], kept
        finally:
            tracemalloc.stop()

    def compact():
        kept = HashSet()
        for value in values:
            kept.add(int(str(value)))  # a fresh int, as a hash is: the list's are not counted
        return kept

    def plain():
        return {int(str(value)) for value in values}

    compact_bytes, kept = allocated(compact)
    plain_bytes, _ = allocated(plain)
    assert len(kept) == len(values)
    assert compact_bytes / len(values) < 14, compact_bytes / len(values)
    assert plain_bytes / len(values) > 5 * compact_bytes / len(values), (plain_bytes,
                                                                         compact_bytes)


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


def test_comment_threads_take_ids_too_wide_for_their_arrays():
    from crawler.pipelines.merge import Threads

    class Stats(dict):
        def set_value(self, key, value):
            self[key] = value

    site, huge = "https://www.example.org", 10**30  # a hostile page's 31-digit ID
    threads = Threads()
    threads.add({"site": site, "post_id": huge, "comment_count": 4})
    threads.add({"site": site, "comment_id": huge, "post_id": huge})
    threads.add({"site": site, "comment_id": 7, "post_id": huge, "parent_id": huge})
    threads.add({"site": site, "comment_id": 8, "post_id": huge, "parent_id": 10**40})
    stats = Stats()
    threads.report(stats)
    assert stats == {"archive/comments/missing_parent": 1,  # 10**40 was never shown
                     "archive/comments/posts_incomplete": 1}  # 4 declared, 3 found
