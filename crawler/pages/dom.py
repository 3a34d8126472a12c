"""Small lxml helpers shared by the page extractors.

The extractors work on the lxml tree under the parsel ``Selector`` (``selector.root``) with
XPath expressions compiled once at import time: parsel's ``.css()``/``.xpath()`` wrap every match
in a new ``Selector``, which costs more than the match itself on a 90 KB page.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TypeAlias, TypeVar
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree
from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement

Element: TypeAlias = HtmlElement

_AUTHOR_PATH = re.compile(r"/author/([^/?#]+)")
_SKIPPED_SCHEMES = ("javascript:", "mailto:", "tel:", "data:")


def css(selector: str) -> etree.XPath:
    """Compile a CSS selector (cssselect's HTML dialect) into a reusable XPath evaluator."""
    return CSSSelector(selector, translator="html")


def xpath(expression: str, smart_strings: bool = False) -> etree.XPath:
    """Compile ``expression``. String results are plain ``str`` unless ``smart_strings`` (which
    makes lxml build an element proxy per result, to offer ``getparent()``)."""
    return etree.XPath(expression, smart_strings=smart_strings)


def classes(el: Element) -> list[str]:
    return (el.get("class") or "").split()


def clean_text(text: str | None) -> str:
    """Collapse whitespace runs (U+00A0 included) to one space and strip."""
    return " ".join(text.split()) if text else ""


def text_of(el: Element) -> str:
    """The element's text, whitespace collapsed, ``<br>`` read as a space (the text of its
    text nodes, comments skipped, would glue "Line<br>Next" into "LineNext")."""
    if next(el.iter("br"), None) is not None:
        el = copy.deepcopy(el)
        for br in el.iter("br"):
            br.tail = " " + (br.tail or "")
    return clean_text(el.text_content())  # one libxml2 call, not a string per text node


def first(values: Iterable[str | None]) -> str | None:
    """The first non-empty value, stripped."""
    for value in values:
        if value and value.strip():
            return value.strip()
    return None


def dedupe(values: Iterable[str]) -> list[str]:
    """Drop empties and repeats, keeping the first occurrence's position."""
    return list(dict.fromkeys(v for v in values if v))


def absolute(base: str, href: str | None) -> str | None:
    """``href`` resolved against ``base``; None for empty, script, mail, phone and data links."""
    if href is None:
        return None
    href = href.strip()
    if not href or href.lower().startswith(_SKIPPED_SCHEMES):
        return None
    # Most links are absolute already; urljoin (a parse and an unparse) is the costly part of
    # listing a page's links.
    if href.startswith(("https://", "http://")):
        return href
    try:
        return urljoin(base, href)
    except ValueError:  # "//[::1/oops": one malformed link must cost that link, not the page
        return None


def without_fragment(url: str) -> str:
    """``url`` up to its ``#`` (cheaper than ``urldefrag``, which re-parses the URL)."""
    return url.partition("#")[0]


def author_slug(url: str | None) -> str | None:
    """``slug`` from a ``.../author/<slug>/`` URL, percent-decoded."""
    if not url:
        return None
    match = _AUTHOR_PATH.search(urlsplit(url).path)
    return unquote(match.group(1)) if match else None


def ancestors_or_self(el: Element, stop: Element | None) -> Iterator[Element]:
    """``el`` and its ancestors, up to but excluding ``stop`` and ``<body>`` (whose classes
    describe the page, not a region of it)."""
    node: Element | None = el
    while node is not None and node is not stop and node.tag != "body":
        yield node
        node = node.getparent()


T = TypeVar("T")


def settle_up(path: Iterable[Element], judge: Callable[[Element], tuple[T] | None], default: T,
              memo: dict[Element, T] | None = None) -> T:
    """The answer of the first element of *path* (an element and its ancestors) that *judge*
    settles (``(answer,)``; ``None``: ask the next one up), else *default*. With a *memo*
    (kept for one page and one question), every element met on the way up keeps the answer:
    a thousand elements nested two thousand levels deep cost one walk, not a thousand."""
    met = []
    answer = default
    for node in path:
        if memo is not None and node in memo:
            answer = memo[node]
            break
        met.append(node)
        settled = judge(node)
        if settled is not None:
            answer = settled[0]
            break
    if memo is not None:
        memo.update(dict.fromkeys(met, answer))
    return answer


def within(el: Element, region: Element | None, scope: Element,
           memo: dict[Element, bool] | None = None) -> bool:
    """True when ``el`` lies in ``region`` (below ``scope``). A region that is the whole scope
    does not count: then everything would be in it. ``memo``: as for :func:`settle_up`."""
    if region is None or region is scope:
        return False
    return settle_up(_up_to(el, scope), lambda node: (True,) if node is region else None,
                     False, memo)


def _up_to(el: Element, scope: Element) -> Iterator[Element]:
    node: Element | None = el
    while node is not None and node is not scope:
        yield node
        node = node.getparent()


def is_hidden_style(style: str) -> bool:
    """Whether an inline ``style`` hides its element."""
    style = style.replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def drop_all(elements: Iterable[Element]) -> None:
    """Remove ``elements`` (page order) but keep their tails, which belong to the text around
    them: each goes to the tail of the sibling before, else to the parent's text. The tails a
    node gains are joined once at the end: dropping a run of 100,000 siblings one by one into
    the same tail would copy that growing string 100,000 times."""
    tails: dict[Element, list[str]] = {}
    texts: dict[Element, list[str]] = {}
    for el in elements:
        parent = el.getparent()
        if parent is None:
            continue
        tail = (el.tail or "") + "".join(tails.pop(el, ()))
        if tail:
            previous = el.getprevious()
            if previous is not None:
                tails.setdefault(previous, []).append(tail)
            else:
                texts.setdefault(parent, []).append(tail)
        parent.remove(el)
    for node, gained in tails.items():
        node.tail = (node.tail or "") + "".join(gained)
    for node, gained in texts.items():
        node.text = (node.text or "") + "".join(gained)
