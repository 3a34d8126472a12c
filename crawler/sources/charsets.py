"""Which charset decodes a page: what it declares, unless its bytes say otherwise. Pure.

Pages declare their charset in the HTTP header or a ``<meta>``, and old sites often declare it
wrong: ``<meta charset=iso-8859-1>`` over UTF-8 bytes (a theme's default kept after the database
moved to UTF-8) gives mojibake titles; ``utf-8`` over cp1251 bytes (a Russian site's old posts)
gives U+FFFD everywhere. Both are common in archives, and both are told by the bytes:

- non-ASCII bytes that are valid UTF-8 (all but a few stray bytes) are UTF-8: text in a
  single-byte charset almost never forms valid multi-byte sequences;
- a page declared UTF-8 whose non-ASCII bytes are mostly invalid is in some other charset, which
  charset-normalizer guesses (only then: a guess costs milliseconds, a check microseconds). A
  few broken sequences in a UTF-8 page (a truncated character) do not make it another charset.
"""

from __future__ import annotations

import codecs

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

BROKEN_SHARE = 0.05
"""Share of invalid sequences among the non-ASCII bytes above which a page is not UTF-8 (below
it, a few stray bytes in a UTF-8 page: a truncated character, a pasted latin-1 quote)."""
FALLBACK = "cp1252"  # decodes any byte string: better mojibake than nothing
_ASCII = bytes(range(0x80))


def choose_encoding(content_type: str, body: bytes) -> str:
    """The charset that decodes *body*: a BOM, else what the page declares (header, then
    ``<meta>``) unless the bytes contradict it, else UTF-8 or a guess."""
    return page_encoding(content_type, body)[0]


def page_encoding(content_type: str, body: bytes) -> tuple[str, bool]:
    """The charset that decodes *body*, and whether it overrides the one the page declares."""
    bom, _ = read_bom(body)
    if bom:
        return bom, False
    declared = [name for name in (http_content_type_encoding(content_type),
                                  html_body_declared_encoding(body)) if name and _known(name)]
    chosen = _from_bytes(body, declared)
    return chosen, bool(declared) and not _same(declared[0], chosen)


def _from_bytes(body: bytes, declared: list[str]) -> str:
    if body.isascii():
        return declared[0] if declared else "utf-8"
    if _broken_utf8_share(body) < BROKEN_SHARE:
        return "utf-8"
    for name in declared:
        if not _is_utf8(name) and _decodes(body, name):
            return name
    return _guess(body)


def _broken_utf8_share(body: bytes) -> float:
    """Invalid UTF-8 sequences per non-ASCII byte (0.0: valid UTF-8)."""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return 0.0
    non_ascii = len(body.translate(None, _ASCII))
    broken = body.decode("utf-8", "replace").count("\ufffd")
    return broken / max(non_ascii, 1)


def _guess(body: bytes) -> str:
    from charset_normalizer import from_bytes  # imported on the rare page that needs it

    best = from_bytes(body).best()
    return best.encoding if best is not None else FALLBACK


def _decodes(body: bytes, encoding: str) -> bool:
    try:
        body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _known(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _is_utf8(name: str) -> bool:
    return codecs.lookup(name).name == "utf-8"


def _same(a: str, b: str) -> bool:
    return codecs.lookup(a).name == codecs.lookup(b).name
