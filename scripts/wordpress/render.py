"""Render the fixture site under every theme and store pages, gold and what each theme shows.

Output (``tests/data/wordpress/``):

- ``<theme>/<name>.html.gz``: the page as WordPress sent it; ``<theme>/<name>.json``: its URL,
  HTTP status, the headers that matter (``Content-Type``, ``Link``, ``Location``), the ``kind`` of
  page it is, and for posts the ``post_id``.
- ``gold.json``: one row per post from the REST API (see :mod:`gold`), plus the site's pages.
- ``rest.json.gz``: the REST collections the gold was derived from, for anyone re-checking it.
- ``themes.json``: per theme and post, which fields the single page shows (see :mod:`shows`).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from . import fetch, gold, shows
from .stack import WordPress

KEPT_HEADERS = ("Content-Type", "Link", "Location", "X-Pingback")


def page_plan(api: dict[str, list[Any]], home: str) -> list[tuple[str, str, str]]:
    """(file name, URL, expected kind) of every page each theme renders."""
    by_slug = {c["slug"]: c for c in api["categories"]}
    child = next(c for c in api["categories"] if c["parent"])
    parent = next(c for c in api["categories"] if c["id"] == child["parent"])
    tag = max(api["tags"], key=lambda t: (t["count"], -t["id"]))
    author = api["users"][0]
    attachment = next(m for m in api["media"] if m["post"])
    plan = [(f"post-{p['id']}", p["link"], "post") for p in api["posts"]]
    plan += [(f"page-{p['id']}", p["link"], "page") for p in api["pages"]]
    plan += [
        ("home", f"{home}/", "listing"),
        ("home-page-2", f"{home}/page/2/", "listing"),
        ("category", parent["link"], "listing"),
        ("category-child", child["link"], "listing"),
        ("category-uncategorized", by_slug["uncategorized"]["link"], "listing"),
        ("tag", tag["link"], "listing"),
        ("author", author["link"], "listing"),
        ("date-year", f"{home}/2019/", "listing"),
        ("date-month", f"{home}/2016/03/", "listing"),
        ("attachment", attachment["link"], "attachment"),
        ("error404", f"{home}/2016/03/04/no-such-post/", "error"),
    ]
    return plan


def render_theme(wp: WordPress, home: str, theme: str, out: Path,
                 plan: list[tuple[str, str, str]]) -> None:
    """Switch to ``theme`` and save every page of ``plan`` under ``out/<theme>/``."""
    wp.switch_theme(theme)
    folder = out / theme
    folder.mkdir(parents=True, exist_ok=True)
    for name, url, kind in plan:
        response = fetch.get(wp.port, url)
        expected = 404 if kind == "error" else 200
        if response.status != expected:
            raise RuntimeError(f"{theme} {url}: {response.status}, expected {expected}")
        _write_gz(folder / f"{name}.html.gz", response.body)
        meta: dict[str, Any] = {"url": url, "status": response.status, "kind": kind,
                                "headers": _kept_headers(response)}
        if name.startswith(("post-", "page-")):
            meta["post_id"] = int(name.split("-")[1])
        (folder / f"{name}.json").write_text(_dumps(meta), encoding="utf-8")


def visibility(out: Path, theme: str, rows: list[dict[str, Any]],
               api: dict[str, list[Any]]) -> dict[str, dict[str, Any]]:
    """Post ID -> the fields the theme's single page of that post shows."""
    terms = {t["name"]: t["link"] for t in api["categories"] + api["tags"]}
    terms = {**terms, **{gold.html.unescape(k): v for k, v in terms.items()}}
    found = {}
    for row in rows:
        name = f"post-{row['post_id']}"
        page = gzip.decompress((out / theme / f"{name}.html.gz").read_bytes())
        meta = json.loads((out / theme / f"{name}.json").read_text(encoding="utf-8"))
        comment_ids = [c["id"] for c in api["comments"] if c["post"] == row["post_id"]]
        found[str(row["post_id"])] = shows.shown_fields(page, meta["headers"], row, terms,
                                                        comment_ids)
    return found


def _kept_headers(response: fetch.Response) -> dict[str, str]:
    kept = {}
    for name in KEPT_HEADERS:
        value = response.header(name)
        if value is not None:
            kept[name] = value
    return kept


def _write_gz(path: Path, data: bytes) -> None:
    # mtime=0 and no file name: the same page gives the same .gz bytes on every run.
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0,
                                               filename="") as stream:
        stream.write(data)


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write_json(path: Path, data: Any, compress: bool = False) -> None:
    if compress:
        _write_gz(path, _dumps(data).encode("utf-8"))
    else:
        path.write_text(_dumps(data), encoding="utf-8")
