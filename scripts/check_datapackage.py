"""Check the ``datapackage.json`` that the README's own ``scrapy export`` examples write.

Crawls the sample archive into a fresh state store, runs the README's exports into one folder
(posts as CSV, JSON Lines and JSON, with filters, and the comments beside them) and validates
the folder's ``datapackage.json`` with the ``frictionless`` validator. Run by
``tests/state/test_datapackage.py`` (so by ``.ci/run``); exits non-zero, saying why, when
anything is invalid.

    .venv/bin/python -m scripts.check_datapackage [FOLDER]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = (
    ["posts.csv"],
    ["posts.jsonl", "--site", "www.example.org", "--comments", "comments.jsonl"],
    ["2016.json", "--from", "2016", "--to", "2016-12-31"],
    ["anna.csv", "--author", "anna", "--comments", "anna-comments.csv"],
    ["--comments", "comments.csv"],
)
"""The README's examples, on the sample archive's site."""


def scrapy(folder: Path, *args: str) -> None:
    command = [sys.executable, "-m", "scrapy", *args, "-s",
               f"ARCHIVE_STATE={folder / 'state.sqlite3'}", "-s", "LOG_LEVEL=WARNING"]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr[-3000:]}")


def check(folder: Path) -> str:
    """Write the examples into *folder*; frictionless's report (raises SystemExit if invalid)."""
    exports = folder / "exports"
    scrapy(folder, "crawl", "archive", "-O", str(folder / "crawl.jsonl"),
           "-a", f"comments={folder / 'crawl-comments.jsonl'}")
    for example in EXAMPLES:
        args = [str(exports / a) if a.endswith((".csv", ".json", ".jsonl")) else a
                for a in example]
        scrapy(folder, "export", *args)
    done = subprocess.run([str(Path(sys.executable).parent / "frictionless"), "validate",
                           "datapackage.json"], cwd=exports, capture_output=True, text=True,
                          timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"datapackage.json is invalid:\n{done.stdout[-6000:]}{done.stderr}")
    valid = done.stdout.count("VALID") - done.stdout.count("INVALID")
    return (f"datapackage.json of the README's exports: {valid} resources valid "
            f"(frictionless validate)")


def main() -> None:
    if len(sys.argv) > 1:
        print(check(Path(sys.argv[1])))
        return
    with tempfile.TemporaryDirectory(prefix="datapackage-") as folder:
        print(check(Path(folder)))


if __name__ == "__main__":
    main()
