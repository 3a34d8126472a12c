"""The post title (plain text) and the site name it is often suffixed with."""

from __future__ import annotations

from .document import Document
from .dom import Element, clean_text, css, text_of
from .frontmatter import front_matter
from .noise import in_meta_noise

_HEADINGS = tuple(css(s) for s in ("h1.entry-title", "h1.wp-block-post-title", "h1.post-title",
                                   ".entry-title", ".wp-block-post-title", ".post-title"))
_SITE_TITLE = css(".site-title, .wp-block-site-title, #site-title, .site-branding .logo")
_SEPARATORS = (" | ", " – ", " - ", " — ", " » ", " · ", " :: ", " : ")


def title(doc: Document, scope: Element | None) -> str:
    """Post heading, then a stripped page's front matter, then og:title, then ``<title>``;
    the last two lose a " | Site"-style suffix (or prefix)."""
    heading = post_heading(scope if scope is not None else doc.root)
    if heading:
        return heading
    return front_matter(doc).title or page_title(doc)


def page_title(doc: Document) -> str:
    """og:title, else ``<title>``, else JSON-LD ``headline``, without the site name around it."""
    site = site_name(doc)
    for raw in (doc.meta("og:title", "twitter:title"), _document_title(doc),
                doc.jsonld.string("headline")):
        cleaned = strip_site_name(clean_text(raw), site)
        if cleaned:
            return cleaned
    return ""


def post_heading(scope: Element) -> str | None:
    for selector in _HEADINGS:
        for el in selector(scope):
            text = text_of(el)
            if text and not in_meta_noise(el, scope):
                return text
    return None


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


def strip_site_name(text: str, site: str | None) -> str:
    """``text`` without a leading or trailing site name joined by a usual separator."""
    if not site or text == site:
        return text
    for sep in _SEPARATORS:
        if text.endswith(sep + site):
            return text[: -len(sep + site)].strip()
        if text.startswith(site + sep):
            return text[len(site + sep):].strip()
    return text


def _as_list(value: object) -> list[object]:
    return value if isinstance(value, list) else [value]


def _document_title(doc: Document) -> str | None:
    found = doc.tags["title"]
    return text_of(found[0]) if found else None
