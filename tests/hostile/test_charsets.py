"""Pages whose declared charset their bytes contradict: read in the right one, and counted.

Found by the hostile-input run: ``<meta charset=iso-8859-1>`` over UTF-8 gave mojibake titles,
``utf-8`` declared over cp1251 bytes gave U+FFFD titles, both silently.
"""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from crawler.sources.charsets import page_encoding
from tests.hostile.archive_kit import crawl, post_page, send, serve

ROOT = "https://www.example.org"
TITLE = "Задержан продавец из Казани"
TEXT = ("Сотрудники полиции задержали продавца наркотиков, который торговал на площадке "
        "в даркнете. По данным следствия, он действовал больше года и отправлял товар почтой.")
LATIN1_META = '<meta charset="iso-8859-1">'
FRENCH = f"<html><head>{LATIN1_META}</head><body>Café crème à la française, déjà vu.</body></html>"
UTF8_META = '<meta charset="utf-8">'


def page(post_id: int, head: str, encoding: str = "utf-8") -> bytes:
    url = f"{ROOT}/{post_id}/"
    return post_page(post_id, TITLE, url, TEXT, head).decode().encode(encoding)


@pytest.mark.parametrize(("content_type", "body", "expected", "overridden"), [
    ("text/html", page(1, LATIN1_META), "utf-8", True),
    ("text/html; charset=iso-8859-1", page(1, ""), "utf-8", True),
    ("text/html; charset=windows-1251", page(1, ""), "utf-8", True),
    ("text/html", page(2, UTF8_META, "cp1251"), "cp1251", True),
    ("text/html; charset=utf-8", page(2, "", "cp1251"), "cp1251", True),
    ("text/html", page(3, '<meta charset="windows-1251">', "cp1251"), "cp1251", False),
    ("text/html; charset=utf-8", page(4, "") + b"\xd0", "utf-8", False),  # one broken char
    ("text/html", page(5, ""), "utf-8", False),
    ("text/html", page(6, LATIN1_META) + "<p>Café</p>".encode("latin-1"), "utf-8", True),
    ("text/html", FRENCH.encode("latin-1"), "cp1252", False),  # a latin-1 page, rightly declared
])
def test_the_bytes_win_over_a_wrong_declaration(content_type, body, expected, overridden) -> None:
    encoding, fixed = page_encoding(content_type, body)
    assert (encoding, fixed) == (expected, overridden)
    text = body.decode(encoding, "replace")
    assert TITLE in text or text == FRENCH


def mirror(tmp_path: Path) -> Path:
    host = tmp_path / "www.example.org"
    pages = {"1": page(1, LATIN1_META), "2": page(2, UTF8_META, "cp1251"), "3": page(3, "")}
    for slug, body in pages.items():
        (host / slug).mkdir(parents=True)
        (host / slug / "index.html").write_bytes(body)
    (host / "index.html").write_bytes(b'<html><body class="home blog"></body></html>')
    return tmp_path


def test_a_mirror_of_misdeclared_pages(tmp_path: Path) -> None:
    run = crawl("-a", f"site={ROOT}", "-a", f"archive={mirror(tmp_path)}",
                output=tmp_path / "p.jsonl")
    assert sorted((r["post_id"], r["title"], r["content_text"]) for r in run.rows) == \
        [(n, TITLE, TEXT) for n in (1, 2, 3)]
    assert run.stat("archive/captures/fixed/charset") == 2


def test_a_live_site_of_misdeclared_pages(tmp_path: Path) -> None:
    answers: dict[str, tuple[str, bytes]] = {}

    def answer(path: str, handler: BaseHTTPRequestHandler) -> None:
        if path in answers:
            content_type, body = answers[path]
            return send(handler, 200, body, {"Content-Type": content_type})
        send(handler, 404, b"")

    with serve(answer) as url:
        links = "".join(f'<a href="{url}/{n}/">{n}</a>' for n in (1, 2, 3))
        answers.update({
            "/": ("text/html", f'<html><body class="home blog">{links}</body></html>'.encode()),
            "/1/": ("text/html", page(1, LATIN1_META).replace(ROOT.encode(), url.encode())),
            "/2/": ("text/html; charset=utf-8",
                    page(2, "", "cp1251").replace(ROOT.encode(), url.encode())),
            "/3/": ("text/html; charset=utf-8", page(3, "").replace(ROOT.encode(), url.encode())),
        })
        run = crawl("-a", f"site={url}", "-a", "archive=live", output=tmp_path / "p.jsonl")
    assert sorted((r["post_id"], r["title"], r["content_text"]) for r in run.rows) == \
        [(n, TITLE, TEXT) for n in (1, 2, 3)]
    assert run.stat("archive/captures/fixed/charset") == 2
