"""The post title (plain text) and the site name it is often suffixed with."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .document import Document
from .dom import Element, clean_text, css, text_of, xpath
from .select import Selector
from .sitename import SEPARATORS, host_key, names_host, split_title

if TYPE_CHECKING:
    from .profile import SiteProfile

_HEADINGS = tuple(Selector(s) for s in ("h1.entry-title", "h1.wp-block-post-title",
                                        "h1.post-title", ".entry-title", ".wp-block-post-title",
                                        ".post-title"))
_SITE_TITLE = css(".site-title, .wp-block-site-title, #site-title, .site-branding .logo")
_H1 = xpath("descendant::h1")
_PROTECTED = re.compile(r"^[^:]{1,30}:\s+")
_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def title(doc: Document, scope: Element | None, profile: SiteProfile | None = None) -> str:
    """Post heading, then a stripped page's front matter, then og:title, then ``<title>``;
    the last two lose a " | Site"-style suffix (or prefix). The page's ``<title>`` is noted in
    the crawl's ``profile``, which learns the site name from many pages."""
    if profile is not None:
        profile.names.observe(_document_title(doc) or "")
    heading = post_heading(doc, scope if scope is not None else doc.root)
    if heading:
        return _unprotected(doc, heading)
    return doc.front_matter.title or page_title(doc, profile)


def _unprotected(doc: Document, heading: str) -> str:
    """The title without the "Protected: " that WordPress (in the site's language) puts before
    the title of a password-protected post, which shows its password form instead of a body."""
    protected = any("post-password-form" in (form.get("class") or "") for form in doc.tags["form"])
    return _PROTECTED.sub("", heading, count=1) if protected else heading


def page_title(doc: Document, profile: SiteProfile | None = None) -> str:
    """og:title, else ``<title>``, else JSON-LD ``headline``, without the site name around it."""
    names = [site_name(doc), profile.names.name() if profile is not None else None]
    host = host_key(doc.url)
    for raw in (doc.meta("og:title", "twitter:title"), _document_title(doc),
                doc.jsonld.string("headline")):
        cleaned = strip_site_name(clean_text(raw), names, host)
        if cleaned:
            return cleaned
    return ""


def post_heading(doc: Document, scope: Element) -> str | None:
    """The post's heading: WordPress's title classes, then the one ``<h1>`` of the entry."""
    index = doc.index(scope)
    for selector in _HEADINGS:
        for el in index.select(selector):
            text = _heading_text(el)
            if text and not doc.in_meta_noise(el, scope):
                return text
    headings = [el for el in _H1(scope)
                if not doc.in_meta_noise(el, scope) and not _SITE_TITLE(el)]
    if len(headings) == 1 and scope.tag != "html":
        return text_of(headings[0]) or None
    return None


def _heading_text(el: Element) -> str:
    """A title element's text; a ``.post-title`` wrapper that holds the byline too gives only
    its heading (or its link, the permalink)."""
    if el.tag in _HEADING_TAGS or len(el) == 0:
        return text_of(el)
    inner = next((child for child in el.iter(*_HEADING_TAGS) if child is not el), None)
    if inner is None:
        inner = next(el.iter("a"), None)
    return text_of(inner if inner is not None else el)


def site_name(doc: Document) -> str | None:
    """og:site_name, JSON-LD WebSite name, the feed link title ("Site » Feed"), the site title."""
    name = doc.meta("og:site_name")
    if name:
        return clean_text(name)
    for node in doc.jsonld.nodes:
        if "WebSite" in _as_list(node.get("@type")) and isinstance(node.get("name"), str):
            return clean_text(node["name"])
    for el in doc.links.get("alternate", ()):
        if "rss" in el.get("type", "") and " » " in el.get("title", ""):
            return clean_text(el.get("title", "").split(" » ")[0])
    found = _SITE_TITLE(doc.root)
    return text_of(found[0]) or None if found else None


def strip_site_name(text: str, site: str | Iterable[str | None] | None, host: str = "") -> str:
    """``text`` without a leading or trailing site name joined by a usual separator. The name is
    one of ``site`` or, for pages that declare none, an affix spelling the ``host`` name."""
    names = {site} if isinstance(site, str) else set(site or ())
    names.discard(None)
    parts = split_title(text)
    if len(parts) < 2 or text in names:
        return text
    sep = next(sep for sep in SEPARATORS if sep in text)
    for name in names:
        if name and text.endswith(sep + name):
            return text[: -len(sep + name)].strip()
        if name and text.startswith(name + sep):
            return text[len(name + sep):].strip()
    if names_host(parts[-1], host):
        return text[: text.rindex(sep)].strip()
    if names_host(parts[0], host):
        return text[text.index(sep) + len(sep):].strip()
    return text


def _as_list(value: object) -> list[object]:
    return value if isinstance(value, list) else [value]


def _document_title(doc: Document) -> str | None:
    found = doc.tags["title"]
    return text_of(found[0]) if found else None
