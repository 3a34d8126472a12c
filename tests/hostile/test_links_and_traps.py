"""Links that once broke or trapped a crawl of a live site (issue 9, items 6 and 11).

The site answers every page with links no WordPress writes but real sites carry: malformed URLs
in the sidebar, a fresh session ID on every link, a query string that grows on every page, a
category nested one level deeper on every category page, a NUL byte and an overlong slug. Every
post must still be exported, with a bounded number of requests.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from tests.e2e.compare import assert_same_dataset
from tests.e2e.crawl import read_rows, scrapy_crawl
from tests.sitegen import serve_site
from tests.sitegen.server import Handler, route_key

SESSIONS = itertools.count()


def hostile_links(path: str) -> bytes:
    """The links a hostile page adds for a request of *path* (with its query)."""
    sid = f"{next(SESSIONS):08x}{'a' * 24}"
    base, _, query = path.partition("?")
    grown = f"{base}?{query}{'&' if query else ''}x{len(query)}=1"
    deeper = f"{base.rstrip('/')}/a/" if base.startswith("/category/") else "/category/a/"
    links = ["//[::1/oops", "http://[::1/oops", "/a%00b/", "/" + "x" * 300 + "/",
             f"{base}?sid={sid}", grown, deeper, f"/?m=2017{len(query):0200d}"]
    return "".join(f'<a href="{href}">trap</a>' for href in links).encode()


class HostileHandler(Handler):
    def _answer(self, send_body: bool) -> None:
        self.server.log_request_path(self.path)
        # A sloppy server: unknown parameters and unknown nesting still give the page.
        key = route_key(re.sub(r"[?&](?:sid|x\d+)=[^&]*", "", self.path).replace("/a/", "/"))
        status, body, headers = self.server.routes.get(key, self.server.not_found)
        if status == 200:
            body = body.replace(b"</body>", hostile_links(self.path) + b"</body>")
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)


def test_malformed_links_and_growing_urls_cost_nothing(tmp_path: Path) -> None:
    with serve_site(theme="classic", n_posts=10, permalinks="date", seed=2,
                    handler=HostileHandler) as (site, server):
        out = tmp_path / "posts.jsonl"
        scrapy_crawl("-a", f"site={server.url}", "-a", "archive=live", output=out,
                     settings={"CLOSESPIDER_PAGECOUNT": "2000"}, timeout=120)
        requests = list(server.requests)
    assert_same_dataset(read_rows(out), [{**p, "source": "live"} for p in site.expected("live")])
    clean = {re.sub(r"\?.*", "", r) for r in requests}
    assert len(requests) < 2 * len(site.pages), f"{len(requests)} requests for {len(site.pages)}"
    assert not any("sid=" in r or "x0=" in r for r in requests)
    assert not any("%00" in r or "x" * 300 in r for r in requests)
    assert not any(r.startswith("/category/a/a/") for r in clean)
