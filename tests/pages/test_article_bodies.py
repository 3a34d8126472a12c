"""The body benchmark's metric (the article-extraction-benchmark's own) and our score on its
real labelled pages. The pages live outside the project; those tests skip when absent."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "article_bodies.py"
_spec = importlib.util.spec_from_file_location("article_bodies", _SCRIPT)
assert _spec is not None and _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("article_bodies", bench)
_spec.loader.exec_module(bench)


def test_counts_are_multisets_normalised_per_page():
    # gold a a b, predicted a c: tp 1 (a), fp 1 (c), fn 2 (a, b); 4 in all
    assert bench.match("a a b", "a c") == (0.25, 0.25, 0.5)


def test_shingles_of_four_tokens_and_short_texts_as_one_shingle():
    assert bench.match("one two three four five", "two three four five six", 4) == (
        1 / 3, 1 / 3, 1 / 3)
    assert bench.match("one two", "one two", 4) == (1.0, 0.0, 0.0)


def test_tokens_are_word_runs_so_punctuation_and_spacing_do_not_count():
    assert bench.match("Hello, world!", "Hello\n\nworld") == (1.0, 0.0, 0.0)


def test_empty_extraction_counts_against_recall_only():
    pages = [bench.match("a b", "a b"), bench.match("c d", "")]
    precision, recall, f1 = bench.scores(pages)
    assert (precision, recall) == (1.0, 0.5)
    assert f1 == pytest.approx(2 / 3)


def test_f1_of_averages_not_average_of_f1():
    pages = [bench.match("a b c d", "a"), bench.match("a", "a b c d")]  # P 1, R .25; P .25, R 1
    precision, recall, f1 = bench.scores(pages)
    assert (precision, recall) == (0.625, 0.625)
    assert f1 == pytest.approx(0.625)
    assert bench.page_f1(pages[0]) == pytest.approx(0.4)
