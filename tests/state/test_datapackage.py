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


def test_the_export_is_hashed_while_written_never_read_back(tmp_path: Path, monkeypatch) -> None:
    """Reading the output back to hash it made ``scrapy export``'s memory grow with the file
    (issue 14: 257 MiB for 50,000 posts)."""
    import hashlib

    from scrapy.settings import Settings

    from crawler import settings as project_settings
    from crawler.state import datapackage
    from crawler.state.dataset import write_dataset

    settings = Settings({k: getattr(project_settings, k) for k in dir(project_settings)
                         if k.isupper()})
    rows = [{"post_id": n, "site": "https://www.example.org", "title": f"Post {n} – é"}
            for n in range(300)]
    for fmt in ("csv", "jsonl"):
        output = tmp_path / f"posts.{fmt}"
        written = write_dataset(iter(rows), output, fmt, settings)
        data = output.read_bytes()
        assert (written.count, written.size, written.sha256) == (
            300, len(data), hashlib.sha256(data).hexdigest())
        monkeypatch.setattr(datapackage, "_size_and_hash", None)  # never called
        datapackage.write_datapackage(output, fmt, ["https://www.example.org"],
                                      written=(written.size, written.sha256))
        monkeypatch.undo()
        package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
        entry = next(r for r in package["resources"] if r["path"] == output.name)
        assert entry["bytes"] == len(data)
        assert entry["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
