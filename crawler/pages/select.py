"""Class selectors answered from one index of a region, instead of one XPath scan each.

cssselect turns ``.byline a`` into ``contains(concat(' ', normalize-space(@class), ' '),
' byline ')`` tested on every element of the region: a union of nine such selectors costs half a
millisecond on a news page, and the extractors ask a dozen of them, most naming classes the page
does not use at all. :class:`Index` takes the region's elements that have a class (and its
microdata, links and ``<time>`` elements) in one XPath pass, files them by class token, and
answers a :class:`Selector` from the few elements whose classes it names: none at all, most of
the time.

Only the CSS the extractors need is understood: compounds ``tag``, ``.class`` and ``tag.class``
joined by descendant combinators, in comma-separated groups, matched as ``lxml.cssselect`` does
(from the region's root included, results in document order).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

from .dom import Element, xpath

_INDEXED = xpath("descendant-or-self::*[@class or @itemprop or self::a or self::time]")
_INDEXED_TAGS = frozenset(("a", "time"))
_COMPOUND = re.compile(r"^([a-z][a-z0-9]*)?(?:\.([\w-]+))?$")


@dataclass(frozen=True)
class Compound:
    """One step of a selector: a tag, a class token, or both."""

    tag: str | None
    cls: str | None

    def matches(self, el: Element) -> bool:
        return (self.tag is None or el.tag == self.tag) and (
            self.cls is None or self.cls in tokens(el.get("class")))


class Selector:
    """A comma-separated group of descendant chains (``.byline a, .vcard .fn``), parsed at
    import; anything beyond that subset of CSS is refused there, not misread."""

    def __init__(self, css: str) -> None:
        self.css = css
        self.chains = tuple(tuple(_compound(step) for step in chain.split())
                            for chain in css.split(","))

    def __repr__(self) -> str:
        return f"Selector({self.css!r})"


def _compound(text: str) -> Compound:
    found = _COMPOUND.match(text)
    if not found or not any(found.groups()):
        raise ValueError(f"unsupported selector step {text!r}")
    tag, cls = found.groups()
    if cls is None and tag not in _INDEXED_TAGS:
        raise ValueError(f"a step without class must be one of {sorted(_INDEXED_TAGS)}: {text!r}")
    return Compound(tag, cls)


@lru_cache(maxsize=8192)
def tokens(value: str | None) -> frozenset[str]:
    """The class tokens of a ``class`` attribute (pages repeat the same few values)."""
    return frozenset(value.split()) if value else frozenset()


class Index:
    """The elements of ``root`` (itself included) that have a class or an ``itemprop``, and its
    ``<a>`` and ``<time>`` elements, in document order; by class token and by tag on demand.

    Elements are filed by their whole ``class`` value (pages repeat a few hundred values over
    thousands of elements), and the values by token: a token's elements are only gathered
    when a selector asks for it."""

    def __init__(self, root: Element) -> None:
        self.root = root
        self.elements: list[Element] = _INDEXED(root)
        by_value: dict[str, list[Element]] = {}
        for el in self.elements:
            value = el.get("class")
            if value:
                found = by_value.get(value)
                if found is None:
                    by_value[value] = [el]
                else:
                    found.append(el)
        self._by_value = by_value
        self._values: dict[str, list[str]] = {}
        for value in by_value:
            for token in tokens(value):
                self._values.setdefault(token, []).append(value)
        self._by_class: dict[str, list[Element]] = {}
        self._by_tag: dict[str, list[Element]] = {}

    def has_class(self, token: str) -> bool:
        return token in self._values

    def by_class(self, token: str) -> list[Element]:
        """The elements with class ``token``, document order."""
        found = self._by_class.get(token)
        if found is None:
            values = self._values.get(token, ())
            if len(values) == 1:
                found = self._by_value[values[0]]
            else:
                found = sorted((el for value in values for el in self._by_value[value]),
                               key=self.position.__getitem__)
            self._by_class[token] = found
        return found

    def by_tag(self, tag: str) -> list[Element]:
        """The ``<a>`` or ``<time>`` elements (or those of another tag that have a class)."""
        found = self._by_tag.get(tag)
        if found is None:
            found = self._by_tag[tag] = [el for el in self.elements if el.tag == tag]
        return found

    @cached_property
    def position(self) -> dict[Element, int]:
        return {el: i for i, el in enumerate(self.elements)}

    def select(self, selector: Selector) -> list[Element]:
        """The elements ``selector`` matches, document order, as ``CSSSelector(css)(root)``."""
        found: list[Element] = []
        chains = 0
        for chain in selector.chains:
            if all(step.cls is None or step.cls in self._values for step in chain):
                found.extend(self._chain(chain))
                chains += 1
        if chains > 1 or len(found) > 1:
            return sorted(set(found), key=self.position.__getitem__)
        return found

    def _chain(self, chain: tuple[Compound, ...]) -> Iterator[Element]:
        *context, target = chain
        if target.cls is None and not context:
            yield from self.by_tag(str(target.tag))
            return
        if target.cls is not None:
            for el in self.by_class(target.cls):
                if target.matches(el) and self._below(el, context):
                    yield el
            return
        # A bare tag (``.cat-links a``): from the few contexts down, not from every link up.
        inside: set[Element] = set()
        for ctx in self._chain(tuple(context)):
            inside.update(ctx.iterdescendants(target.tag))
        yield from inside

    def _below(self, el: Element, context: list[Compound]) -> bool:
        """Whether ``el``'s ancestors, up to the root included, match ``context`` in order."""
        wanted = len(context) - 1
        if wanted < 0:
            return True
        node = el.getparent()
        while node is not None:
            if context[wanted].matches(node):
                wanted -= 1
                if wanted < 0:
                    return True
            if node is self.root:
                return False
            node = node.getparent()
        return False
