"""Regenerate ``docs/report.png``: the top of ``scrapy report`` on the sample archive, as
headless Chromium paints it (``apt-get install -y chromium``).

    .venv/bin/python scripts/report_screenshot.py [--height 1900]

Crawls ``sample_archive/`` into a temporary state store, writes the report beside it, opens it
in Chromium (``tests/report/browser.py``) 1000 pixels wide, and keeps the first ``--height``
pixels.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from PIL import Image  # noqa: E402  (matplotlib's own dependency)

from tests.report.browser import chromium  # noqa: E402


def scrapy(*args: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, "-m", "scrapy", *args], cwd=REPO, env=env, check=True,
                   capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--height", type=int, default=1900)
    parser.add_argument("--output", type=Path, default=REPO / "docs" / "report.png")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="report-shot-") as scratch:
        folder = Path(scratch)
        state = f"ARCHIVE_STATE={folder / 'state.sqlite3'}"
        scrapy("crawl", "archive", "-s", state, "-s", "ARCHIVE_PROGRESS_INTERVAL=0",
               "-O", str(folder / "posts.jsonl"))
        scrapy("report", str(folder / "report.html"), "-s", state)
        with chromium(folder / "profile") as browser:
            browser.open(folder / "report.html", width=1000)
            png = browser.screenshot()
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image = image.crop((0, 0, image.width, min(args.height, image.height)))
    # A few dozen flat colours: a palette keeps the file small without a visible change
    image.quantize(colors=64).save(args.output, optimize=True)
    print(f"{args.output}: {image.width}x{image.height} pixels, "
          f"{args.output.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
