"""Is a capture a page of the site, or of its afterlife?

A dead site's archive keeps capturing its URLs after the site is gone, and the archive records
HTTP 200 for pages that are not the site's: a seizure banner, a domain-parking page, "account
suspended", a Cloudflare challenge, WordPress's "Error establishing a database connection", a
server's default page, often the very same bytes for every URL; and, while the site lived, its
own soft-404s ("Nothing found", answered with 200). :class:`CaptureJudge` tells them from real
pages by what the bytes hold, cheaply (a few byte-level searches, no parse):

- **empty**: no text at all;
- **catch-all**: the same bytes served for several distinct URLs of the site;
- **soft-404**: WordPress's own ``error404`` (or "nothing found" search) page answered with 2xx;
- **wrong-kind**: the site's home page served at a URL that is not the home or its pagination;
- a named **afterlife page** (``seized``, ``parked``...) without any WordPress marker;
- **not-wordpress**: no WordPress marker at all, where the site's real pages have them.

A page with no WordPress marker and no named afterlife signature is *unproven* while the crawl
does not yet know whether this site's pages carry markers: the source then tries the URL's older
captures, and serves the unproven page only when none of them is proven real.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass

from crawler.seen import MASK, HashSet
from crawler.sources.captures import CATCH_ALL_URLS

REAL, UNPROVEN = "real", "unproven"
MARKED_PAGES_TO_TRUST = 3
"""Real pages with WordPress markers after which an unmarked page is not the site's."""
UNMARKED_PAGES_TO_TRUST = 10
"""Pages served without markers (no older real capture either) after which the crawl takes the
site for one whose pages carry none (stripped copies, a static export) and stops probing."""

_MARKERS = (b"/wp-content/", b"/wp-includes/", b"/wp-json", b"wp-block-", b"hentry", b"postid-",
            b"type-post", b"shortlink", b'content="WordPress', b"content='WordPress")
"""What WordPress writes on its pages (theme and upload paths, the REST link, block classes,
hAtom and post classes, the shortlink, the generator), as plain bytes: ``in`` finds them ~30x
faster than one regex alternation would."""
_TITLE = re.compile(rb"<title[^>]*>(.{0,300}?)</title", re.IGNORECASE | re.DOTALL)
_BODY_CLASS = re.compile(rb"<body\b[^>]*?\bclass\s*=\s*[\"']([^\"']*)", re.IGNORECASE)
_TAGS = re.compile(rb"<script\b.*?</script>|<style\b.*?</style>|<[^>]*>", re.IGNORECASE | re.DOTALL)
_NOTHING_FOUND = re.compile(rb"\b(?:page not found|nothing (?:was )?found|not found)\b", re.I)
_SIGNATURES: tuple[tuple[str, re.Pattern[bytes]], ...] = tuple(
    (name, re.compile(b"|".join(patterns), re.IGNORECASE))
    for name, patterns in (
        ("seized", (rb"has been seized", rb"domain (?:name )?(?:has been )?seized",
                    rb"seizure (?:warrant|notice)")),
        ("parked", (rb"domain (?:name )?(?:is |may be )?(?:for sale|parked)", rb"parkingcrew",
                    rb"sedoparking", rb"bodis\.com", rb"buy this domain",
                    rb"this domain (?:is|has been) (?:parked|registered)")),
        ("suspended", (rb"account (?:has been )?suspended", rb"suspendedpage",
                       rb"site (?:is )?suspended")),
        ("challenge", (rb"cf-browser-verification", rb"challenge-platform",
                       rb"attention required! \| cloudflare", rb"checking your browser",
                       rb"<title>just a moment\.\.\.</title>")),
        ("database-error", (rb"error establishing a database connection",)),
        ("server-default", (rb"apache2? \w* ?default page", rb"welcome to nginx",
                            rb"<title>index of /", rb"<h1>it works!</h1>", rb"site not found",
                            rb"web hosting account")),
        ("expired", (rb"domain (?:name )?(?:has )?expired", rb"renew (?:this|your) domain")),
    )
)
"""Named afterlife pages, read only on pages without any WordPress marker: a post of the site
may well say "has been seized" (deepdotweb.com reported on seized markets for years)."""


@dataclass(frozen=True)
class Verdict:
    """What a capture holds: ``real``, ``unproven``, or the kind of afterlife page it is."""

    kind: str
    title: str = ""

    @property
    def real(self) -> bool:
        return self.kind == REAL

    @property
    def afterlife(self) -> bool:
        return self.kind not in (REAL, UNPROVEN)


class CaptureJudge:
    """Judges fetched captures of one site; learns from them whether its pages carry markers.

    Holds counts and a 60-bit hash per page (body and URL): memory does not grow with the site
    beyond ~20 bytes a page.
    """

    def __init__(self) -> None:
        self.marked = 0
        self.unmarked = 0
        self._sightings = HashSet()
        """(body, URL) hash pairs met: ~10 bytes a page for the whole crawl (issue 14: a dict
        entry and its ints were ~100, a set and a string 340)."""
        self._bodies = HashSet()
        """Body hashes met at one URL at least."""
        self._shared: dict[int, int] = {}
        """URLs met (2 to :data:`CATCH_ALL_URLS`) by the hash of a body met at several."""
        self.kinds: Counter[str] = Counter()

    @property
    def markers_expected(self) -> bool:
        return self.marked >= MARKED_PAGES_TO_TRUST and self.marked > self.unmarked

    @property
    def markers_optional(self) -> bool:
        return self.unmarked >= UNMARKED_PAGES_TO_TRUST and self.unmarked > 4 * self.marked

    def judge(self, url: str, body: bytes, *, home: bool = False) -> Verdict:
        """The verdict on a 2xx HTML capture of canonical *url*; *home* says the URL is the home
        page or its pagination (where the home page's classes belong)."""
        verdict = self._verdict(url, body, home)
        self.kinds[verdict.kind] += 1
        return verdict

    def served_unproven(self) -> None:
        """An unproven page was served after all (no older capture was proven real)."""
        self.unmarked += 1

    def _verdict(self, url: str, body: bytes, home: bool) -> Verdict:
        title = page_title(body)
        if self._catch_all(url, body):
            return Verdict(afterlife_kind(body), title)
        if not has_text(body):
            return Verdict("empty", title)
        marked = any(marker in body for marker in _MARKERS)
        if not marked and (signature := afterlife_signature(body)):
            return Verdict(signature, title)
        classes = body_classes(body)
        if "error404" in classes or "search-no-results" in classes:
            return Verdict("soft-404", title)
        if "home" in classes and not home:
            return Verdict("wrong-kind", title)
        if not classes and _NOTHING_FOUND.search(title.encode()):
            return Verdict("soft-404", title)
        if marked:
            self.marked += 1
            return Verdict(REAL, title)
        if self.markers_expected:
            return Verdict("not-wordpress", title)
        return Verdict(REAL if self.markers_optional else UNPROVEN, title)

    def _catch_all(self, url: str, body: bytes) -> bool:
        # Python's own hashes: in-process only, 2.5x cheaper than SHA-1 for the bytes.
        key = hash(body) & MASK
        sighting = hash((key, hash(url))) & MASK
        if not self._sightings.add(sighting):  # this URL with this body again
            return self._shared.get(key, 1) >= CATCH_ALL_URLS
        if self._bodies.add(key):
            return CATCH_ALL_URLS <= 1
        urls = self._shared[key] = min(self._shared.get(key, 1) + 1, CATCH_ALL_URLS)
        return urls >= CATCH_ALL_URLS


def afterlife_signature(body: bytes) -> str | None:
    """The name of the afterlife page *body* reads as (``seized``, ``parked``...), or ``None``."""
    head = body[:65536]
    return next((name for name, pattern in _SIGNATURES if pattern.search(head)), None)


def afterlife_kind(body: bytes) -> str:
    """What a page known to be a catch-all is: a named afterlife page, a soft-404, or just that
    (a catch-all page is never the site's, markers or not)."""
    if not has_text(body):
        return "empty"
    if "error404" in body_classes(body):
        return "soft-404"
    return afterlife_signature(body) or "catch-all"


def page_title(body: bytes) -> str:
    found = _TITLE.search(body[:65536])
    if found is None:
        return ""
    return " ".join(html.unescape(found.group(1).decode("utf-8", "replace")).split())[:200]


def body_classes(body: bytes) -> set[str]:
    found = _BODY_CLASS.search(body)
    return set(found.group(1).decode("latin-1").split()) if found else set()


def has_text(body: bytes) -> bool:
    """Whether *body* shows any words (checked in full only for small bodies: a page of several
    kilobytes holds text or markup worth a closer look by the other checks)."""
    if len(body) > 4096:
        return True
    return len(_TAGS.sub(b" ", body).split()) > 0
