"""A dead site's afterlife, recorded after its real history: what archives keep capturing.

After version 2 (:mod:`tests.archives.history`) the site keeps being captured, every URL answering
HTTP 200 with something that is not its page:

- 2018-09-01, the site still alive: its theme answers the deleted posts' URLs with its own
  "Nothing found" page and status 200 (a soft-404);
- 2019-06-01: a seizure banner, the same bytes for every URL;
- 2019-07-01: empty 200 answers for a few URLs;
- 2019-09-01: a Cloudflare challenge with a per-URL ray ID (different bytes for every URL);
- 2020-06-01: a domain-parking page, the same bytes for every URL, plus URLs only the parking
  page links to.

Each era is served over HTTP and recorded into its own WARC, like the real history.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from tests.archives.history import ROOT, History
from tests.archives.server import SiteVersion, serve_version
from tests.archives.warcs import record_warc

SOFT_404 = (
    b'<!DOCTYPE html><html lang="en"><head><title>Nothing found &#8211; Example</title>'
    b'<link rel="stylesheet" href="https://www.example.org/wp-content/themes/t/style.css">'
    b'</head><body class="error404 hfeed"><main><h1>Nothing Found</h1><p>It seems we can&rsquo;t'
    b" find what you&rsquo;re looking for.</p></main></body></html>"
)
BANNER = (
    b"<!DOCTYPE html><html><head><title>THIS WEBSITE HAS BEEN SEIZED</title></head><body>"
    b'<img src="banner.jpg" alt="Seized"><p>This domain has been seized by the Federal Bureau of'
    b" Investigation pursuant to a seizure warrant.</p></body></html>"
)
CHALLENGE = (
    "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
    '<div id="cf-browser-verification"><noscript>Please enable cookies.</noscript>'
    "<p>Checking your browser before accessing example.org.</p>"
    "<p>Cloudflare Ray ID: {ray}</p></div></body></html>"
)
PARKING = (
    b'<!DOCTYPE html><html><head><title>example.org</title></head><body><h1>example.org</h1>'
    b'<p>This domain may be for sale!</p><a href="https://www.example.org/lander">Buy this '
    b'domain</a> <a href="https://www.example.org/2016/01/01/casino-bonus/">Casino</a>'
    b"</body></html>"
)
ERAS = {
    "soft-404": datetime(2018, 9, 1, tzinfo=UTC),
    "seized": datetime(2019, 6, 1, tzinfo=UTC),
    "empty": datetime(2019, 7, 1, tzinfo=UTC),
    "challenge": datetime(2019, 9, 1, tzinfo=UTC),
    "parked": datetime(2020, 6, 1, tzinfo=UTC),
}
LAST_REAL = "2018-06-15"
"""The day of the last real capture: version 2's second (revisit) crawl."""


def afterlife_versions(root: str, every: list[str], gone: list[str]) -> dict[str, SiteVersion]:
    """One :class:`SiteVersion` per afterlife era of the site at *root*, answering *every* URL
    it ever had (*gone*: the URLs its theme answered with a soft-404 while it lived)."""
    ray = {url: hashlib.sha1(url.encode()).hexdigest()[:16] for url in every}
    parking_only = [f"{root}/lander", f"{root}/2016/01/01/casino-bonus/"]
    return {
        "soft-404": SiteVersion(root, dict.fromkeys(gone, SOFT_404)),
        "seized": SiteVersion(root, dict.fromkeys(every, BANNER)),
        "empty": SiteVersion(root, dict.fromkeys(every[::7], b"")),
        "challenge": SiteVersion(
            root, {url: CHALLENGE.format(ray=ray[url]).encode() for url in every[::2]}
        ),
        "parked": SiteVersion(root, dict.fromkeys([*every, *parking_only], PARKING)),
    }


def write_afterlife_warcs(history: History, folder: Path) -> list[Path]:
    """Record each afterlife era of *history* into ``folder/example-afterlife-<era>.warc.gz``."""
    every = sorted({*history.v1.urls(), *history.v2.urls()})
    return record_afterlife(afterlife_versions(ROOT, every, sorted(history.v2.gone)), folder)


def record_afterlife(versions: dict[str, SiteVersion], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for era, version in versions.items():
        path = folder / f"afterlife-{ERAS[era]:%Y%m}-{era}.warc.gz"
        with serve_version(version) as url:
            record_warc(version, url, path, ERAS[era])
        paths.append(path)
    return paths


def dead_wordpress(data: Path, gold: dict[str, Any], folder: Path) -> Path:
    """*folder* filled with the real WordPress archive's two eras (``data``:
    ``tests/data/wordpress-archive``, linked, not copied) and the afterlife recorded over every
    URL they captured; the deleted posts (per *gold*) answer soft-404s."""
    urls: set[str] = set()
    for era in ("era1", "era2"):
        (folder / f"{era}.warc.gz").symlink_to(data / f"{era}.warc.gz")
        with (data / f"{era}.warc.gz").open("rb") as stream:
            urls |= {r.rec_headers.get_header("WARC-Target-URI") for r in ArchiveIterator(stream)
                     if r.rec_type in ("response", "revisit")}
    gone = [d["url"] for d in gold["changes"]["deleted"]]
    record_afterlife(afterlife_versions(gold["site"], sorted(urls), gone), folder)
    return folder
