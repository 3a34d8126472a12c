"""Damaged WARC files: damaged records are refused and counted, every sound one is still read.

Found by the hostile-input run: truncated or damaged records were exported as posts with missing
fields (exit 0); a wrong ``Content-Length`` or one junk gzip member lost every later record.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.sources.warcread import read_capture, read_index
from tests.hostile.archive_kit import crawl, gz, http_response, warc_record
from tests.sitegen import build_site

DATE = "2018-01-01T00:00:00Z"
URLS = [f"https://www.example.org/{name}/" for name in ("a", "b", "c", "d")]


def page(i: int) -> bytes:
    return f"<html><body><p>page {i}</p></body></html>".encode()


def records(**damage: int) -> list[bytes]:
    """One response record per URL; ``name=i`` damages record *i* (``length_plus``,
    ``length_minus``: a wrong ``Content-Length``; ``digest``: a byte flipped in the payload)."""
    out = []
    for i, url in enumerate(URLS):
        block = http_response(page(i))
        length = len(block) + 300 if damage.get("length_plus") == i else \
            len(block) - 20 if damage.get("length_minus") == i else None
        record = warc_record(url, block, DATE, length=length, number=i)
        if damage.get("digest") == i:
            record = record.replace(b"page ", b"pagE ")
        out.append(record)
    return out


def indexed(path: Path, data: bytes) -> tuple[list[str], dict[str, int]]:
    path.write_bytes(data)
    captures, counts = read_index([path])
    return [c.url for c in captures], dict(counts)


def everything_but(i: int) -> list[str]:
    return [url for n, url in enumerate(URLS) if n != i]


@pytest.mark.parametrize("compressed", [True, False])
@pytest.mark.parametrize("damage", ["length_plus", "length_minus", "digest"])
def test_a_record_with_a_wrong_length_or_digest_is_refused_and_the_next_read(
        tmp_path, compressed: bool, damage: str) -> None:
    parts = records(**{damage: 1})
    data = b"".join(gz(r) for r in parts) if compressed else b"".join(parts)
    urls, counts = indexed(tmp_path / ("f.warc.gz" if compressed else "f.warc"), data)
    assert urls == everything_but(1)
    assert counts["damaged"] == 1 and counts["responses"] == 3


@pytest.mark.parametrize("junk", [gz(b"this is not a WARC record\r\n\r\n"), b"\x00garbage" * 50,
                                  gz(b"WARC/1.0\r\nWARC-Type: response\r\n")[:-12]])
def test_a_junk_gzip_member_costs_nothing_but_itself(tmp_path, junk: bytes) -> None:
    parts = [gz(r) for r in records()]
    urls, counts = indexed(tmp_path / "f.warc.gz", parts[0] + parts[1] + junk + parts[2] + parts[3])
    assert urls == URLS and counts["damaged"] == 1


@pytest.mark.parametrize("compressed", [True, False])
def test_a_truncated_record_is_refused_not_served_short(tmp_path, compressed: bool) -> None:
    parts = [gz(r) if compressed else r for r in records()]
    data = b"".join(parts)
    urls, counts = indexed(tmp_path / ("f.warc.gz" if compressed else "f.warc"),
                           data[: len(data) - len(parts[-1]) // 2])
    assert urls == URLS[:3] and counts["damaged"] == 1


def test_a_record_cut_in_the_middle_of_a_file(tmp_path) -> None:
    parts = records()
    cut = parts[1][: len(parts[1]) // 2]  # a crawler died mid-record, then went on writing
    urls, counts = indexed(tmp_path / "f.warc", parts[0] + cut + parts[2] + parts[3])
    assert urls == everything_but(1) and counts["damaged"] == 1


def test_sound_records_read_back_whole(tmp_path) -> None:
    path = tmp_path / "f.warc.gz"
    path.write_bytes(b"".join(gz(r) for r in records(length_minus=2)))
    captures, _ = read_index([path])
    assert [read_capture(c)[2] for c in captures] == [page(0), page(1), page(3)]


@pytest.fixture(scope="module")
def site():
    return build_site(theme="sahifa", n_posts=8, permalinks="postname", seed=5)


@pytest.mark.parametrize("compressed", [True, False])
def test_a_crawl_exports_every_sound_post_and_no_damaged_one(site, tmp_path, compressed) -> None:
    posts = {p["url"]: p for p in site.posts}
    damaged = [p["url"] for p in site.posts[:3]]
    parts = []
    pages = {url: body for url, body in site.pages.items()  # no AMP copy to fall back on
             if not (url.endswith("/amp/") and url.removesuffix("amp/") in damaged)}
    for i, (url, body) in enumerate(sorted(pages.items())):
        block = http_response(body)
        record = warc_record(url, block, DATE, number=i,
                             length=len(block) + 99 if url == damaged[0] else None)
        if url == damaged[1]:
            record = record.replace(b"</article>", b"</articlE>")
        if url == damaged[2]:
            record = record[: len(record) // 2] + b"\r\n\r\n"
        parts.append(gz(record) if compressed else record)
        if url == damaged[2]:
            parts.append(gz(b"junk") if compressed else b"junk\r\n")
    warcs = tmp_path / "warcs"
    warcs.mkdir()
    (warcs / ("site.warc.gz" if compressed else "site.warc")).write_bytes(b"".join(parts))
    run = crawl("-a", f"site={site.root}", "-a", f"archive={warcs}",
                output=tmp_path / "posts.jsonl")
    assert run.returncode == 0, run.log[-3000:]
    linked = {p["url"] for p in site.expected("live")} | {p["url"] for p in site.posts}
    assert sorted(r["url"] for r in run.rows) == sorted(linked - set(damaged))
    for row in run.rows:
        assert row["title"] == posts[row["url"]]["title"]
        assert row["content_text"] == posts[row["url"]]["content_text"]
    assert run.stat("archive/warc/damaged") >= 3
    assert "Refusing record at offset" in run.log
