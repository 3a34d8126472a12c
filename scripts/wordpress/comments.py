"""A real WordPress discussion site, archived under three themes, and its comments' gold.

The site (:mod:`comments_content`) has ~200 approved comments, threaded up to five levels, split
over comment pages (eight top-level threads a page), plus comments no visitor sees. It is
crawled the way an archiving crawler does (:class:`archive.Crawl`: from the home page, following
in-site links, comment pages included) and recorded into one WARC per variant:

- ``twentyseventeen.warc.gz``: a classic theme, ``/comment-page-N/`` links, newest page first
  (the post's own URL shows the last comment page);
- ``twentytwentythree.warc.gz``: a block theme (the Comments block), oldest page first;
- ``generatepress.warc.gz``: plain permalinks (``/?p=N``), so comment pages are ``?cpage=N``.

``gold.json``: every approved comment from the REST API (unauthenticated, so approved comments
of type ``comment`` only): ID, post, parent, author name and URL, date with the offset
``date - date_gmt``, the words of ``content.rendered``; the IDs no page may show (pending, spam,
trash, pingback, trackback); each post's URL per variant.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from tests.archives.warcs import record_warc

from . import comments_content as site
from . import gold, render
from .archive import Crawl
from .generate import SHARED_THEMES, build_site
from .stack import WORDPRESS, wordpress

START = datetime(2019, 6, 1)
"""The first variant's captures start then, each next variant's a month later: one site
archived three times, under three themes."""
VARIANTS: dict[str, dict[str, Any]] = {
    "twentyseventeen": {"default_comments_page": "newest"},
    "twentytwentythree": {"default_comments_page": "oldest"},
    "generatepress": {"default_comments_page": "oldest", "permalink_structure": ""},
}
PRETTY = {"permalink_structure": "/%year%/%monthnum%/%day%/%postname%/"}


def _theme(name: str) -> Path:
    shared = SHARED_THEMES / name
    return shared.resolve() if shared.is_dir() else WORDPRESS / "wp-content" / "themes" / name


def comment_gold(api: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """One row per approved comment, in ID order (see the module docstring)."""
    return [{
        "comment_id": c["id"], "post_id": c["post"], "parent_id": c["parent"] or None,
        "author": c["author_name"], "author_url": c["author_url"] or None,
        "published": gold.iso(c["date"], c["date_gmt"]),
        "content_text": gold.content_words(c["content"]["rendered"]),
    } for c in api["comments"]]


def comments(out: Path) -> None:
    themes = [_theme(name) for name in VARIANTS]
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*"):
        old.unlink()
    posts: dict[str, dict[int, str]] = {}
    with wordpress(themes) as wp:
        ids = build_site(wp, site.HOME, site.TITLE, site.site_ops(),
                         options={**site.OPTIONS, **PRETTY})
        api = gold.site_api(wp.port, site.HOME)
        for month, theme in enumerate(themes):
            wp.apply([{"op": "options", "options": {**PRETTY, **VARIANTS[theme.name]}}])
            wp.switch_theme(theme.name)
            crawl = Crawl(wp.port, [f"{site.HOME}/"], home=site.HOME)
            record_warc(crawl, f"http://127.0.0.1:{wp.port}", out / f"{theme.name}.warc.gz",
                        START.replace(month=START.month + month), {})
            plain = VARIANTS[theme.name].get("permalink_structure") == ""
            posts[theme.name] = {p["id"]: f"{site.HOME}/?p={p['id']}" if plain else p["link"]
                                 for p in api["posts"]}
    hidden = sorted(ids[op["key"]] for op in site.comment_ops()
                    if op.get("approved", 1) != 1 or op.get("type"))
    rows = comment_gold(api)
    if set(hidden) & {row["comment_id"] for row in rows}:
        raise RuntimeError("the REST API shows a comment no visitor should see")
    render.write_json(out / "gold.json", {
        "site": site.HOME, "options": site.OPTIONS, "variants": VARIANTS, "posts": posts,
        "comments": rows, "hidden": hidden})
    render.write_json(out / "rest.json.gz", api, compress=True)
