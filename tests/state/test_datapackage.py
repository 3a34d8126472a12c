"""The ``datapackage.json`` of the README's own export examples passes frictionless's validator
(posts as CSV, JSON Lines and JSON side by side, comments beside them, an empty export)."""

from __future__ import annotations

import json
from pathlib import Path

from scripts.check_datapackage import check


def test_the_readme_examples_make_a_valid_data_package(tmp_path: Path) -> None:
    assert "resources valid" in check(tmp_path)
    package = json.loads((tmp_path / "exports" / "datapackage.json").read_text("utf-8"))
    names = [r["name"] for r in package["resources"]]
    assert len(names) == len(set(names))
    assert {"posts.csv", "posts.jsonl", "comments.jsonl", "comments.csv"} <= set(names)
    titles = {r["name"]: r["title"] for r in package["resources"]}
    assert titles["comments.csv"] == "Comments" and titles["posts.csv"] == "Posts"
