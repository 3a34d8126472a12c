"""The body benchmark script (``benchmarks/article_bodies.py``) as a module, for tests that
score pages of the article-extraction-benchmark, which lives outside the project."""

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

needs_corpus = pytest.mark.skipif(
    not (bench.CORPUS / "ground-truth.json").is_file(),
    reason=f"article-extraction-benchmark not found at {bench.CORPUS} (shared checkout absent)",
)
