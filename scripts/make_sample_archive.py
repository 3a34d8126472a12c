"""Write the sample archive that ships with the project: a synthetic Sahifa site as
wayback_machine_downloader leaves it on disk, plus the dataset a crawl of it must export.

    .venv/bin/python scripts/make_sample_archive.py [--out sample_archive]

Deterministic: the same command always writes the same bytes (tests/test_sample_archive.py
checks the committed copy against a fresh one).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.sitegen import build_site  # noqa: E402
from tests.sitegen.mirror import host_folder  # noqa: E402

ROOT = "https://www.example.org"
SITE: dict[str, Any] = {"theme": "sahifa", "root": ROOT, "n_posts": 23, "permalinks": "date",
                        "seed": 0}

README = """# Sample archive (synthetic)

This folder is **synthetic**: no real site was captured. `scripts/make_sample_archive.py` generated
it with the project's fixture-site generator (`tests/sitegen`), imitating the markup of a
WordPress site on the Sahifa theme (the theme of deepdotweb.com).

- `{host}/`: the site `{root}` as wayback_machine_downloader writes it: one `index.html` per
  page (`2016/01/27/some-slug/index.html`, `page/2/index.html`), query URLs kept in file names
  (`index.html?p=123`, `index.html?attachment_id=118`), and an older capture of a renamed post at
  its old slug.
- `expected.json`: the {count} posts a crawl of this mirror must export (`source=mirror`, so the
  {unlinked} posts no page links to are included), sorted by `post_id`, with every Post field except
  `archive_url`, `captured_at` and `source`.

Generator settings: theme `{theme}`, `{n_posts}` posts, `{permalinks}` permalinks, seed `{seed}`.

Regenerate (never edit by hand; `tests/test_sample_archive.py` fails when this folder drifts):

    .venv/bin/python scripts/make_sample_archive.py --out sample_archive

Try it:

    scrapy crawl archive -a site={root} -a archive=sample_archive -O exports/sample.json
"""


def make_sample_archive(out: Path) -> None:
    """(Re)write ``out``: the mirror folder, ``expected.json`` and ``README.md``."""
    site = build_site(**SITE)
    host = out / host_folder(ROOT)
    if host.exists():
        shutil.rmtree(host)
    out.mkdir(parents=True, exist_ok=True)
    site.write_mirror(out, layout="wbm")
    expected = site.expected("mirror")
    # One post per line: compact, and a diff shows which posts changed.
    rows = ",\n".join(json.dumps(post, ensure_ascii=False) for post in expected)
    (out / "expected.json").write_text(f"[\n{rows}\n]\n", encoding="utf-8")
    unlinked = len(expected) - len(site.expected("live"))
    readme = README.format(host=host.name, count=len(expected), unlinked=unlinked, **SITE)
    (out / "README.md").write_text(readme, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "sample_archive",
                        help="folder to (re)write (default: sample_archive/ in the project)")
    make_sample_archive(parser.parse_args().out)


if __name__ == "__main__":
    main()
