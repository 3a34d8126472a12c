"""Mirror folders holding what a mirror should not: the crawl reads every page and says the rest.

Found by the hostile-input run: one file name that is not UTF-8, or one Unix socket, aborted
enumeration (29 of 30 posts lost); a FIFO hung the crawl for ever, SIGTERM ignored; folders
keeping a slug's percent-encoding were never matched; a host folder that is a link gave 0 posts
without a word.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import os
import shutil
import socket
import stat
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler.sources.mirror import MirrorSource
from crawler.urls import SiteUrls
from tests.hostile.archive_kit import crawl, post_page
from tests.sitegen import build_site
from tests.sitegen.mirror import relative_path

ROOT = "https://www.example.org"
SITE = SiteUrls(ROOT)
LATIN1_SLUG = b"caf\xe9-cr\xe8me"  # a URL's raw latin-1 bytes, as wget saves them


@pytest.fixture(scope="module")
def site():
    return build_site(theme="sahifa", n_posts=30, permalinks="postname", seed=9)


def hostile_mirror(site, folder: Path) -> Path:
    """The site's mirror plus a socket, two FIFOs (one where a linked page was), a link out, a
    dangling link, a device file when allowed, one post saved under a non-UTF-8 folder name and
    one saved gzip-compressed."""
    host = site.write_mirror(folder)
    posts = [p["url"] for p in site.posts]
    renamed = host / relative_path(posts[0])
    latin1 = Path(os.fsdecode(bytes(host) + b"/" + LATIN1_SLUG))
    renamed.parent.rename(latin1)
    compressed = host / relative_path(posts[1])
    compressed.write_bytes(gzip.compress(compressed.read_bytes()))
    os.mkfifo(host / "notes")  # no extension: its first bytes would be read to tell
    os.mkfifo(host / "pipe.html")
    about = host / "about" / "index.html"
    about.unlink()
    os.mkfifo(about)  # where a page the others link to was
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(host / "socket"))
    (host / "secrets.html").symlink_to("/etc/passwd")
    (host / "gone.html").symlink_to(host / "nowhere.html")
    with contextlib.suppress(PermissionError):
        os.mknod(host / "null.html", stat.S_IFCHR | 0o600, os.makedev(1, 3))
    return folder


def test_every_post_is_read_and_every_odd_entry_counted(site, tmp_path) -> None:
    mirror = hostile_mirror(site, tmp_path / "mirror")
    run = crawl("-a", f"site={ROOT}", "-a", f"archive={mirror}",
                output=tmp_path / "posts.jsonl", timeout=90)
    assert run.returncode == 0, run.log[-3000:]
    assert sorted(r["post_id"] for r in run.rows) == sorted(p["post_id"] for p in site.posts)
    rows = {r["post_id"]: r for r in run.rows}
    first, second = site.posts[0], site.posts[1]
    assert rows[first["post_id"]]["title"] == first["title"]  # read from the latin-1 folder
    assert rows[first["post_id"]]["archive_url"].endswith("/caf%E9-cr%E8me/index.html")
    assert rows[second["post_id"]]["content_text"] == second["content_text"]  # gunzipped
    devices = 1 if (mirror / "www.example.org" / "null.html").exists() else 0
    assert run.stat("archive/mirror/skipped/not_regular") >= 4 + devices  # 3 FIFOs, 1 socket
    assert run.stat("archive/mirror/skipped/link_out") == 2
    assert "Skipping mirror entry" in run.log and "not a regular file" in run.log


def test_enumeration_never_waits_on_a_fifo(site, tmp_path) -> None:
    mirror = hostile_mirror(site, tmp_path / "mirror")

    async def enumerate_all() -> list[str]:
        source = MirrorSource(SITE, mirror)
        return [url async for url in source.seed_urls()]

    urls = asyncio.run(asyncio.wait_for(enumerate_all(), timeout=20))
    assert f"{ROOT}/caf%E9-cr%E8me/" in urls
    assert f"{ROOT}/notes/" not in urls and f"{ROOT}/about/" not in urls
    assert f"{ROOT}/pipe/" not in urls and f"{ROOT}/socket/" not in urls


@pytest.mark.parametrize("folder", ["%d0%ba%d0%be%d1%82", "%D0%BA%D0%BE%D1%82", "кот"])
def test_folders_keeping_a_slugs_percent_encoding_are_matched(tmp_path, folder) -> None:
    url = f"{ROOT}/%D0%BA%D0%BE%D1%82/"  # canonical: uppercase escapes
    host = tmp_path / "www.example.org"
    (host / folder).mkdir(parents=True)
    (host / folder / "index.html").write_bytes(post_page(7, "Кот", url))
    (host / "index.html").write_bytes(
        b'<html><body class="home blog"><a href="/%d0%ba%d0%be%d1%82/">cat</a></body></html>')
    source = MirrorSource(SITE, tmp_path)
    for spelling in (url, url.lower(), f"{ROOT}/кот/"):
        assert source.file_for(SITE.canonical(spelling) or "") == host / folder / "index.html"
    assert SITE.canonical(source.url_for(host / folder / "index.html")) == url
    run = crawl("-a", f"site={ROOT}", "-a", f"archive={tmp_path}", output=tmp_path / "p.jsonl")
    assert [(r["post_id"], r["url"], r["title"]) for r in run.rows] == [(7, url, "Кот")]


def test_a_host_folder_linked_inside_the_mirror_is_followed(tmp_path) -> None:
    target = tmp_path / "copies" / "example.org"
    target.mkdir(parents=True)
    (target / "index.html").write_bytes(post_page(3, "Three", f"{ROOT}/three/"))
    (tmp_path / "www.example.org").symlink_to(target)
    source = MirrorSource(SITE, tmp_path)
    assert source.host_dir == target.resolve()
    assert source.file_for(f"{ROOT}/") == target.resolve() / "index.html"


def test_a_host_folder_linked_out_of_the_mirror_is_refused_saying_why(tmp_path) -> None:
    outside = tmp_path / "elsewhere" / "www.example.org"
    outside.mkdir(parents=True)
    (outside / "index.html").write_bytes(post_page(3, "Three", f"{ROOT}/three/"))
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / "www.example.org").symlink_to(outside)
    with pytest.raises(ValueError, match="is a link to .* outside .*-a archive="):
        MirrorSource(SITE, mirror)
    run = crawl("-a", f"site={ROOT}", "-a", f"archive={mirror}", output=tmp_path / "p.jsonl")
    assert run.returncode == 2 and "outside" in run.log and not run.rows  # a usage error
    (mirror / "www.example.org").unlink()
    (mirror / "www.example.org").symlink_to(tmp_path / "missing")
    with pytest.raises(ValueError, match="which is not a folder"):
        MirrorSource(SITE, mirror)


def test_unreadable_files_and_folders_are_skipped_and_counted(site, tmp_path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their mode: no unreadable file to build")
    host = site.write_mirror(tmp_path)
    locked = host / urlsplit(site.posts[2]["url"]).path.strip("/")
    (locked / "index.html").chmod(0)
    shutil.copytree(locked, host / "closed")
    (host / "closed").chmod(0)
    try:
        run = crawl("-a", f"site={ROOT}", "-a", f"archive={tmp_path}",
                    output=tmp_path / "p.jsonl")
    finally:
        (host / "closed").chmod(0o755)
    assert run.returncode == 0 and len(run.rows) == len(site.posts) - 1
    assert run.stat("archive/mirror/skipped/unreadable") >= 2


def test_files_that_cannot_be_opened_are_skipped_and_counted(tmp_path, monkeypatch) -> None:
    """As root nothing is unreadable: the refusal is played by ``os.open`` itself."""
    host = tmp_path / "www.example.org"
    host.mkdir()
    for name in ("index.html", "locked", "notes"):
        (host / name).write_bytes(b"<!DOCTYPE html><html><body>x</body></html>")
    real_open = os.open

    def refusing_open(path, flags, *args):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr("crawler.sources.mirrorfiles.os.open", refusing_open)
    source = MirrorSource(SITE, tmp_path)

    async def enumerate_all() -> list[str]:
        return [url async for url in source.seed_urls()]

    assert asyncio.run(enumerate_all()) == [f"{ROOT}/", f"{ROOT}/", f"{ROOT}/notes/"]
    assert source.skips.counts == {"unreadable": 1}
    assert source.skips.report() == ["Mirror entries skipped: 1 not readable"]
