"""The committed sample archive is exactly what its script writes today (it never drifts)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COMMITTED = REPO / "sample_archive"


def _script():
    spec = importlib.util.spec_from_file_location("make_sample_archive",
                                                  REPO / "scripts" / "make_sample_archive.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _files(folder: Path) -> dict[str, bytes]:
    files = (p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def test_committed_sample_archive_is_regenerated_byte_for_byte(tmp_path):
    _script().make_sample_archive(tmp_path)
    fresh, committed = _files(tmp_path), _files(COMMITTED)
    hint = "regenerate with scripts/make_sample_archive.py"
    assert sorted(fresh) == sorted(committed), f"file list differs: {hint}"
    changed = sorted(name for name in fresh if fresh[name] != committed[name])
    assert not changed, f"{len(changed)} files differ, e.g. {changed[:5]}: {hint}"


def test_sample_archive_is_small_and_self_describing():
    files = _files(COMMITTED)
    assert sum(len(body) for body in files.values()) < 1_500_000
    expected = json.loads(files["expected.json"])
    assert [post["post_id"] for post in expected] == sorted(post["post_id"] for post in expected)
    assert {post["site"] for post in expected} == {"https://www.example.org"}
    assert "synthetic" in files["README.md"].decode()
    assert "www.example.org/index.html" in files
