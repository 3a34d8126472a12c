"""Serving a URL from a dead site's archive: afterlife captures are skipped or rejected, and the
URL is served from its newest real capture, within a bounded number of fetches."""

import asyncio

from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from crawler.sources.base import CAPTURE_META
from crawler.sources.captures import CaptureIndex, CaptureRecord, Window
from crawler.sources.indexed import Fetched, IndexedSource
from crawler.urls import SiteUrls

SITE = SiteUrls("https://www.example.org")
BANNER = b"<html><head><title>Seized</title></head><body>This site has been seized</body></html>"
PARKED = b"<html><head><title>x</title></head><body>This domain is parked. %s</body></html>"


def page(name):
    return (b'<html><head><link rel="shortlink" href="/?p=1"></head><body class="single">'
            b"%s</body></html>" % name.encode())


class FakeSource(IndexedSource):
    """Captures from a table ``{(url, timestamp): (status, digest, body)}``."""

    name = "fake"

    def __init__(self, table, tries=5):
        super().__init__(SITE, Window(), MemoryStatsCollector(get_crawler()), tries)
        self.table = table
        self.reads = []

    async def load_index(self, index: CaptureIndex) -> None:
        for (url, ts), (status, digest, _) in self.table.items():
            index.add(CaptureRecord(url, ts, status, "text/html", digest))

    def archive_url(self, record):
        return f"fake:{record.timestamp}/{record.url}"

    async def read(self, request, record):
        self.reads.append((record.url, record.timestamp))
        status, _, body = self.table[(record.url, record.timestamp)]
        response = HtmlResponse(request.url, status=status, body=body, request=request)
        return Fetched(response, record)


def serve(source, path):
    request = Request(SITE.root + path, meta={"route": "POST"})
    response = asyncio.run(source.fetch(request))
    return response, request.meta[CAPTURE_META], source.stats.get_stats()


def site(**urls):
    """Captures of every ``/<name>/`` URL: ``name=[(timestamp, status, digest, body), ...]``."""
    return {(f"{SITE.root}/{name}/", ts): (status, digest, body)
            for name, captures in urls.items() for ts, status, digest, body in captures}


def test_a_fetched_banner_sends_the_url_to_its_older_real_capture():
    source = FakeSource(site(a=[("2018", 200, "A", page("a")), ("2020", 200, "S", BANNER)]))
    response, capture, stats = serve(source, "/a/")
    assert b">a<" in response.body and capture.captured_at.startswith("2018")
    assert source.reads == [(SITE.root + "/a/", "2020"), (SITE.root + "/a/", "2018")]
    assert stats["archive/afterlife/rejected/seized"] == 1
    assert stats["archive/captures/fallback"] == 1


def test_a_catch_all_payload_from_the_index_is_never_fetched_when_a_real_capture_exists():
    banner = [(f"2020{n:02}", 200, "PARK", PARKED % b"") for n in range(1, 2)]
    source = FakeSource(site(a=[("2018", 200, "A", page("a")), *banner],
                             b=banner, c=banner))
    response, capture, _ = serve(source, "/a/")
    sample, served = source.reads  # one capture of the catch-all is read, to name it
    assert served == (SITE.root + "/a/", "2018") and sample[1] == "202001"
    assert capture.captured_at.startswith("2018")
    assert "'x' (parked) at 3 URLs" in " ".join(source.report())


def test_a_url_with_only_afterlife_captures_is_a_404():
    source = FakeSource(site(a=[("2020", 200, "S1", BANNER), ("2021", 200, "P", PARKED % b"a")]))
    response, _, stats = serve(source, "/a/")
    assert response.status == 404 and "afterlife" in response.flags
    assert stats["archive/afterlife/no_real_capture"] == 1


def test_an_unmarked_page_is_served_only_when_no_older_capture_is_the_sites():
    plain = b"<html><head><title>T</title></head><body>Just words</body></html>"
    source = FakeSource(site(a=[("2018", 200, "A", page("a")), ("2020", 200, "N", plain)],
                             b=[("2019", 200, "B", plain + b" ")]))
    assert b">a<" in serve(source, "/a/")[0].body  # the older capture has WordPress markers
    assert source.stats.get_value("archive/afterlife/rejected/not-wordpress") == 1
    response, _, stats = serve(source, "/b/")  # nothing older: served, as unproven
    assert response.status == 200 and stats["archive/afterlife/unproven_served"] == 1


def test_fetches_per_url_are_bounded():
    banners = [(f"20{n:02}", 200, f"S{n}", BANNER + bytes([65 + n])) for n in range(10, 20)]
    source = FakeSource(site(a=banners), tries=3)
    response, _, _ = serve(source, "/a/")
    assert response.status == 404 and len(source.reads) == 3


def test_once_the_death_is_known_later_captures_are_tried_last():
    pages = {f"p{n}": [("2018", 200, f"R{n}", page(f"p{n}")), ("2020", 200, f"S{n}",
                                                                  BANNER + bytes([65 + n]))]
             for n in range(6)}
    source = FakeSource(site(**pages))
    for n in range(6):
        serve(source, f"/p{n}/")
    # Three banners after the last real capture set the death; later URLs skip straight to 2018.
    assert source.life.death == "20200101000000"
    assert [ts for url, ts in source.reads[-2:]] == ["2018", "2018"]
    assert source.report()[0].startswith("Site life: last real capture 2018-01-01")
