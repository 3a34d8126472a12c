"""Archive servers that are not there, stop, drip their answers, or redirect to another port.

Found by the hostile-input run: a replay prefix where nothing listens (pywb not started) was
taken for an IP block (an hour's pause, ~15 h before giving up); a slow-drip index or page held
the crawl for ~26 / ~12 minutes by default; SIGTERM waited 122 s for a slow page; a redirect to
another port of the same host was followed.
"""

from __future__ import annotations

import re
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler import settings as defaults
from crawler.sources.archiveserver import is_own_server
from tests.archives.fakewayback import Script, fake_wayback
from tests.archives.resolver import SETTING as REMOTE_NAMES
from tests.hostile.archive_kit import crawl, drip, free_port, send, serve
from tests.sitegen import build_site

MEMENTO = {"Memento-Datetime": "Mon, 01 Jan 2018 00:00:00 GMT"}
FAST = {"ARCHIVE_BACKOFF_503": "0.2", "ARCHIVE_TIMEOUT": "2"}


@pytest.fixture(scope="module")
def site():
    return build_site(theme="sahifa", n_posts=6, permalinks="postname", seed=8)


@pytest.mark.parametrize(("url", "own"), [
    ("http://127.0.0.1:8080/coll/", True), ("http://[::1]:8080/", True),
    ("http://localhost:8080/", True), ("http://10.1.2.3/", True), ("http://192.168.0.9/", True),
    ("https://web.archive.org/web/", False), ("http://93.184.216.34/", False),
    ("http://wayback.test:8080/", False),
])
def test_servers_the_user_runs_are_told_from_public_archives(url: str, own: bool) -> None:
    assert is_own_server(url) is own


def test_archive_requests_time_out_sooner_than_scrapys_default() -> None:
    assert defaults.ARCHIVE_TIMEOUT <= 60 < 180


@pytest.mark.parametrize(("host", "hint"), [
    ("127.0.0.1", "is the replay (pywb, OpenWayback) running, and on that port?"),
    ("wayback.test", "A public archive also refuses connections from an IP it has blocked"),
])
def test_a_replay_where_nothing_listens_is_an_error_at_once(site, tmp_path: Path, host: str,
                                                            hint: str) -> None:
    prefix = f"http://{host}:{free_port()}/my-coll/"
    run = crawl("-a", f"site={site.root}", "-a", f"archive={prefix}", output=tmp_path / "p.jsonl",
                settings=REMOTE_NAMES, timeout=60)
    assert run.returncode == 1 and run.crawl_seconds < 10
    assert re.search(rf"ERROR: The archive cannot be reached: nothing answers at {host}:\d+ "
                     r"\(connection refused, and it never answered\)", run.log)
    assert hint in run.log and "archive_unreachable" in run.log
    assert run.stat("archive/ratelimit/blocked") == 0  # no hour's pause


def test_a_local_replay_that_stops_midway_is_an_error_at_once(site, tmp_path: Path) -> None:
    script = Script(pages=dict(site.pages), dark_after_page=3, dark_for=120)
    with fake_wayback(script) as archive:
        run = crawl("-a", f"site={site.root}", "-a", f"archive={archive.prefix}",
                    output=tmp_path / "p.jsonl", settings={"ARCHIVE_CDX_URL": archive.cdx_url},
                    timeout=60)
    # Not ARCHIVE_BACKOFF_BLOCKED (an hour), nor a request's backoff after its answer broke off
    assert run.returncode == 1 and run.crawl_seconds < 10
    assert "nothing answers at 127.0.0.1" in run.log and "blocked this IP" not in run.log


def replay(site, *, drip_index: bool = False, drip_page: str | None = None,
           hits: list[str] | None = None):
    """A Wayback-style replay of *site* (``/web/<ts>id_/<url>``, ``/cdx``) that may drip its
    index answer or one page's."""
    index = [["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]]
    index += [[u, "20180101000000", u, "text/html", "200", f"D{i}", "1"]
              for i, u in enumerate(sorted(site.pages))]

    def answer(path: str, handler: BaseHTTPRequestHandler) -> None:
        if hits is not None:
            hits.append(path)
        if path.startswith("/cdx"):
            if drip_index:
                return drip(handler, content_type="application/json")
            return send(handler, 200, repr(index).replace("'", '"').encode(),
                        {"Content-Type": "application/json"})
        original = path.split("id_/", 1)[-1]
        if original == drip_page:
            return drip(handler)
        if original in site.pages:
            return send(handler, 200, site.pages[original], MEMENTO)
        return send(handler, 404, b"not archived")

    return serve(answer)


def test_a_slow_drip_index_is_given_up_and_links_are_walked(site, tmp_path: Path) -> None:
    with replay(site, drip_index=True) as url:
        run = crawl("-a", f"site={site.root}", "-a", f"archive={url}/web/",
                    output=tmp_path / "p.jsonl",
                    settings={**FAST, "ARCHIVE_CDX_URL": f"{url}/cdx"}, timeout=60)
    assert run.returncode == 0, run.log[-3000:]
    assert sorted(r["post_id"] for r in run.rows) == [p["post_id"] for p in site.expected("live")]
    assert run.crawl_seconds < 30 and "gave no usable answer" in run.log
    assert run.stat("archive/ratelimit/timeouts_gave_up") == 1


def test_a_slow_drip_page_is_given_up_after_two_timeouts(site, tmp_path: Path) -> None:
    slow = site.expected("live")[0]["url"]
    hits: list[str] = []
    with replay(site, drip_page=slow, hits=hits) as url:
        run = crawl("-a", f"site={site.root}", "-a", f"archive={url}/web/",
                    output=tmp_path / "p.jsonl",
                    settings={**FAST, "ARCHIVE_CDX_URL": f"{url}/cdx"}, timeout=60)
    assert run.crawl_seconds < 30
    assert sum(path.endswith("id_/" + slow) for path in hits) == 2
    exported = sorted(r["post_id"] for r in run.rows)
    assert exported == [p["post_id"] for p in site.posts if p["url"] != slow]
    assert "gave up on" in run.log


@pytest.mark.parametrize("source", ["replay", "live"])
def test_sigterm_does_not_wait_for_a_slow_page(site, tmp_path: Path, source: str) -> None:
    slow = site.expected("live")[0]["url"]
    if source == "replay":
        with replay(site, drip_page=slow) as url:
            run = crawl("-a", f"site={site.root}", "-a", f"archive={url}/web/",
                        output=tmp_path / "p.jsonl", settings={"ARCHIVE_CDX_URL": f"{url}/cdx"},
                        stop_after=4, timeout=60)
    else:
        run = live_crawl_with_a_drip(site, slow, tmp_path)
    assert "Closing spider (shutdown)" in run.log
    assert run.seconds < 12  # SIGTERM at 4 s; the page would drip for 10 minutes


def live_site(url: str):
    """The fixture site as served at *url*, and its pages by path."""
    live = build_site(theme="sahifa", root=url, n_posts=6, permalinks="postname", seed=8)
    return live, {urlsplit(u).path: body for u, body in live.pages.items() if not urlsplit(u).query}


def live_crawl_with_a_drip(site, slow: str, tmp_path: Path):
    slow_path = urlsplit(slow).path
    pages: dict[str, bytes] = {}

    def answer(path: str, handler: BaseHTTPRequestHandler) -> None:
        if path == slow_path:
            return drip(handler)
        send(handler, 200, pages[path]) if path in pages else send(handler, 404, b"")

    with serve(answer) as url:
        pages.update(live_site(url)[1])
        return crawl("-a", f"site={url}", "-a", "archive=live", output=tmp_path / "p.jsonl",
                     stop_after=4, timeout=60)


def test_a_redirect_to_another_port_of_the_host_is_not_followed(site, tmp_path: Path) -> None:
    other_hits: list[str] = []
    moved = urlsplit(site.expected("live")[0]["url"]).path
    pages: dict[str, bytes] = {}

    def other(path: str, handler: BaseHTTPRequestHandler) -> None:
        other_hits.append(path)
        send(handler, 200, pages[moved])

    def answer(path: str, handler: BaseHTTPRequestHandler) -> None:
        if path == moved:
            return send(handler, 301, b"", {"Location": f"http://127.0.0.1:{port}{path}"})
        send(handler, 200, pages[path]) if path in pages else send(handler, 404, b"")

    with serve(other) as elsewhere, serve(answer) as url:
        port = urlsplit(elsewhere).port
        live, found = live_site(url)
        pages.update(found)
        run = crawl("-a", f"site={url}", "-a", "archive=live", output=tmp_path / "p.jsonl")
    assert other_hits == []
    assert run.stat("archive/refused/offsite_redirect") == 1
    assert len(run.rows) == len(live.expected("live")) - 1
