"""Mirror folders as wget and wayback_machine_downloader lay them out."""

import asyncio

import pytest
from scrapy import Request

from crawler.sources.mirror import MirrorSource
from crawler.urls import SiteUrls

SITE = SiteUrls("https://www.example.org")
PAGE = b"<!DOCTYPE html><html><body>x</body></html>"
FILES = [
    "index.html",
    "2017/11/18/a-post/index.html",
    "index.html?p=12",
    "page/2/index.html",
    "archives/33.html",
    "about",
    "feed/index.html",
    "wp-content/uploads/a.jpg",
    "style.css",
]


@pytest.fixture
def mirror(tmp_path):
    host = tmp_path / "www.example.org"
    for name in FILES:
        file = host / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(PAGE if not name.endswith((".jpg", ".css")) else b"\x00binary")
    return tmp_path


def urls(source):
    async def collect():
        return [url async for url in source.seed_urls()]
    return asyncio.run(collect())


def test_enumerates_every_html_file_as_original_urls(mirror):
    assert sorted(urls(MirrorSource(SITE, mirror))) == sorted([
        "https://www.example.org/",  # the root, always
        "https://www.example.org/",
        "https://www.example.org/?p=12",
        "https://www.example.org/2017/11/18/a-post/",
        "https://www.example.org/about/",
        "https://www.example.org/archives/33/",
        "https://www.example.org/feed/",
        "https://www.example.org/page/2/",
    ])


@pytest.mark.parametrize(
    ("url", "file"),
    [
        ("https://www.example.org/", "index.html"),
        ("https://www.example.org/2017/11/18/a-post/", "2017/11/18/a-post/index.html"),
        ("https://www.example.org/?p=12", "index.html?p=12"),
        ("https://www.example.org/archives/33/", "archives/33.html"),
        ("https://www.example.org/about/", "about"),
    ],
)
def test_maps_urls_to_files(mirror, url, file):
    source = MirrorSource(SITE, mirror)
    assert source.file_for(url) == (mirror / "www.example.org" / file).resolve()


def test_fetch_reads_the_file_under_the_original_url(mirror):
    source = MirrorSource(SITE, mirror)
    request = Request("https://www.example.org/2017/11/18/a-post/")
    response = asyncio.run(source.fetch(request))
    assert response.url == request.url
    assert response.status == 200 and b"<body>x" in response.body
    capture = request.meta["archive_capture"]
    assert capture.source == "mirror"
    assert capture.archive_url.startswith("file:///") and capture.archive_url.endswith("index.html")


def test_missing_file_is_a_404(mirror):
    response = asyncio.run(MirrorSource(SITE, mirror).fetch(Request("https://www.example.org/nope/")))
    assert response.status == 404


def test_never_reads_outside_the_folder(mirror, tmp_path):
    (tmp_path / "secret.html").write_bytes(PAGE)
    (mirror / "www.example.org" / "link.html").symlink_to(tmp_path / "secret.html")
    source = MirrorSource(SITE, mirror)
    assert source.file_for("https://www.example.org/../secret.html") is None
    assert source.file_for("https://www.example.org/%2e%2e/secret.html") is None
    assert source.file_for("https://www.example.org/link.html") is None
    assert "https://www.example.org/link/" not in urls(source)


def test_host_folder_itself_and_www_variants(mirror):
    host = mirror / "www.example.org"
    assert MirrorSource(SITE, host).host_dir == host.resolve()
    assert MirrorSource(SiteUrls("https://example.org"), mirror).host_dir == host.resolve()


def test_port_folder(tmp_path):
    (tmp_path / "127.0.0.1:8080").mkdir()
    (tmp_path / "127.0.0.1:8080" / "index.html").write_bytes(PAGE)
    source = MirrorSource(SiteUrls("http://127.0.0.1:8080"), tmp_path)
    assert source.host_dir.name == "127.0.0.1:8080"


def test_clear_errors(tmp_path):
    with pytest.raises(ValueError, match="does not exist"):
        MirrorSource(SITE, tmp_path / "missing")
    (tmp_path / "other.org").mkdir()
    with pytest.raises(ValueError, match="no folder for www.example.org"):
        MirrorSource(SITE, tmp_path)
