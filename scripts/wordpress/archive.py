"""A real two-era web archive of a real WordPress site, as WARC files, and the dataset it holds.

Era 1 (captures from 2019-03-01): the site on Twenty Seventeen with 40 posts, crawled the way an
archiving crawler does (from the home page, following links and shortlinks inside the site; no
wp-admin, wp-json, feeds or assets). Then a year of editing: posts edited, renamed (WordPress
then answers the old URL with a 301), deleted (404), added, and the theme switched to Twenty
Twenty-Three. Era 2 (captures from 2020-03-01): crawled again, also asking for the old URLs of the
renamed and deleted posts. Each URL is fetched from the running WordPress and written with warcio
as it was sent (status line, headers, body), one second apart; a payload already captured at that
URL is written as a ``revisit`` (``tests/archives/warcs.py``'s recorder).

``gold.json`` holds the dataset a perfect crawl of both WARCs exports (one row per post): each
field from the newest capture of the post's page that shows it (see :mod:`shows`), per the REST API
at that era; deleted posts as era 1 had them, renamed posts at their new URL. It also lists which
posts were edited, renamed, deleted and added.
"""

from __future__ import annotations

import html
import re
from collections import deque
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from tests.archives.warcs import record_warc

from . import archive_content as site
from . import fetch, gold, render, shows
from .generate import SHARED_THEMES, build_site
from .stack import WORDPRESS, WordPress, wordpress

ERA_STARTS = {"era1": datetime(2019, 3, 1), "era2": datetime(2020, 3, 1)}
_SKIPPED = re.compile(r"/(wp-admin|wp-json|wp-content|wp-includes|feed|comments/feed)(/|$)"
                      r"|wp-login\.php|xmlrpc\.php|[?&](replytocom|s|feed)=")
_HREFS = re.compile(r"""<(?:a|link)\b[^>]*?\bhref=["']([^"']+)""", re.IGNORECASE)
MAX_URLS = 400


class Crawl:
    """The URLs one crawl reached, in order (what :func:`record_warc` replays)."""

    def __init__(self, port: int, seeds: list[str], home: str = site.HOME) -> None:
        self.found: list[str] = []
        self.pages: dict[str, fetch.Response] = {}
        queue, seen = deque(seeds), set(seeds)
        while queue and len(self.found) < MAX_URLS:
            url = queue.popleft()
            response = fetch.get(port, url)
            self.found.append(url)
            self.pages[url] = response
            for link in _links(url, response, urlsplit(home).netloc):
                if link not in seen:
                    seen.add(link)
                    queue.append(link)

    def urls(self) -> list[str]:
        return self.found


def _links(url: str, response: fetch.Response, netloc: str) -> list[str]:
    """In-site links an archiving crawler follows: anchors, ``<link>`` hrefs (the shortlink)
    and the ``Location`` of a redirect."""
    hrefs = _HREFS.findall(response.body.decode("utf-8", "replace"))
    if response.header("Location"):
        hrefs.append(response.header("Location") or "")
    found = []
    for href in hrefs:
        # "?p=5&#038;cpage=2": the entity is no fragment; the fragment goes after decoding
        link = urljoin(url, html.unescape(href).partition("#")[0].strip())
        if not link or link == url:
            continue
        if urlsplit(link).netloc == netloc and not _SKIPPED.search(link):
            found.append(link)
    return found


def _era(wp: WordPress, out: Path, name: str, seeds: list[str],
         seen: dict[tuple[str, str], str]) -> tuple[Crawl, dict[str, list[Any]]]:
    crawl = Crawl(wp.port, seeds)
    # The recorder fetches each URL again and writes what the server sent, in crawl order.
    record_warc(crawl, f"http://127.0.0.1:{wp.port}", out / f"{name}.warc.gz", ERA_STARTS[name],
                seen)
    api = gold.site_api(wp.port, site.HOME)
    render.write_json(out / f"rest-{name}.json.gz", api, compress=True)
    return crawl, api


def _captures(crawl: Crawl, api: dict[str, list[Any]]) -> dict[int, dict[str, Any]]:
    """Post ID -> its gold row at this era and the fields its captured page shows."""
    rows = {row["post_id"]: row for row in gold.post_gold(api)}
    terms = {gold.html.unescape(t["name"]): t["link"] for t in api["categories"] + api["tags"]}
    found = {}
    for post_id, row in rows.items():
        page = crawl.pages.get(row["url"])
        if page is None or page.status != 200:
            continue
        comment_ids = [c["id"] for c in api["comments"] if c["post"] == post_id]
        headers = {"Link": page.header("Link") or ""}
        found[post_id] = {"row": row, "shows": shows.shown_fields(page.body, headers, row, terms,
                                                                  comment_ids)}
    return found


def merge(eras: list[dict[int, dict[str, Any]]]) -> list[dict[str, Any]]:
    """The dataset: each post once, each field from the newest capture that shows it (the
    post's URL from its newest capture)."""
    rows = []
    for post_id in sorted({pid for era in eras for pid in era}):
        captures = [era[post_id] for era in eras if post_id in era]
        newest = captures[-1]["row"]
        row: dict[str, Any] = {"post_id": post_id, "url": newest["url"], "slug": newest["slug"]}
        for field in shows.FIELDS:
            showing = [c for c in captures if c["shows"].get(field)]
            if not showing:
                row[field] = [] if isinstance(newest[field], list) else None
                continue
            capture = showing[-1]
            row[field] = 0 if capture["shows"][field] == "form" else capture["row"][field]
        rows.append(row)
    return rows


def archive(out: Path) -> None:
    classic = SHARED_THEMES / "twentyseventeen"
    if not classic.is_dir():
        classic = WORDPRESS / "wp-content" / "themes" / "twentytwentyone"
    block = WORDPRESS / "wp-content" / "themes" / "twentytwentythree"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*"):
        old.unlink()
    seen: dict[tuple[str, str], str] = {}
    with wordpress([classic.resolve(), block]) as wp:
        ids = build_site(wp, site.HOME, site.TITLE, site.era1_ops(), options=site.OPTIONS)
        wp.switch_theme(classic.name)
        crawl1, api1 = _era(wp, out, "era1", [f"{site.HOME}/"], seen)
        before = {p["id"]: p["link"] for p in api1["posts"]}
        ids = {**ids, **wp.apply(site.changes(), ids)["ids"]}
        old_urls = [before[ids[f"post{i}"]] for i in site.RENAMED + site.DELETED]
        crawl2, api2 = _era(wp, out, "era2", [f"{site.HOME}/", *old_urls], seen)
    after = {p["id"]: p["link"] for p in api2["posts"]}
    changed = {
        "edited": [ids[f"post{i}"] for i in site.EDITED],
        "renamed": [{"post_id": ids[f"post{i}"], "old_url": before[ids[f"post{i}"]],
                     "new_url": after[ids[f"post{i}"]]} for i in site.RENAMED],
        "deleted": [{"post_id": ids[f"post{i}"], "url": before[ids[f"post{i}"]]}
                    for i in site.DELETED],
        "added": sorted(set(after) - set(before)),
    }
    dataset = merge([_captures(crawl1, api1), _captures(crawl2, api2)])
    render.write_json(out / "gold.json", {
        "site": site.HOME, "eras": {k: v.isoformat() + "Z" for k, v in ERA_STARTS.items()},
        "themes": {"era1": classic.name, "era2": block.name}, "changes": changed,
        "posts": dataset})
