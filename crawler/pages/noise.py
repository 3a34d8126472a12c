"""What is not part of a post: share bars, related posts, ads, comments, sidebars, navigation.

Known plugin/theme class names are matched exactly; beyond that a class or id is noise when one
of its ``-``/``_``-separated words is a noise word (``share-post``, ``crp_related``,
``div-gpt-ad-1``). Whole words only, so ``shareholder``, ``download`` or ``headline`` are content.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from .dom import Element, ancestors_or_self, is_hidden_style, settle_up, xpath

# WordPress writes term and state classes (``tag-ads``, ``category-social``, ``has-...``) on
# articles and blocks; they name the content, not a widget.
_TERM_PREFIXES = ("category-", "tag-", "post_tag-", "format-", "post-format-", "status-", "type-",
                  "has-", "is-", "wp-image-", "size-", "postid-")

_EXACT: Mapping[str, str] = MappingProxyType({
    **dict.fromkeys(("sharedaddy", "addtoany_share_save_container", "a2a_kit", "shareaholic-canvas",
                     "sd-sharing-enabled", "heateor_sss_sharing_container"), "share"),
    **dict.fromkeys(("jp-relatedposts", "yarpp-related", "wp-block-query", "wp-block-latest-posts",
                     "related_posts", "relatedposts"), "related"),
    **dict.fromkeys(("adsbygoogle", "e3lan", "wpcnt"), "ads"),
    **dict.fromkeys(("commentlist", "comment-list", "comments-area", "comment-respond", "comments",
                     "wp-block-comments", "wp-block-comment-template", "respond", "disqus_thread",
                     "comment-form"), "comments"),
    **dict.fromkeys(("navigation", "post-navigation", "posts-navigation", "nav-links", "post-nav",
                     "nav-previous", "nav-next", "wp-block-post-navigation-link", "page-links",
                     "breadcrumb", "breadcrumbs", "crumbs"), "nav"),
    # Not the block themes' Post Author block (wp-block-post-author): their templates print it
    # as the byline (Twenty Twenty-Three), and an "about the author" box is named as one.
    **dict.fromkeys(("saboxplugin-wrap", "abh_box"), "author_box"),
    **dict.fromkeys(("sidebar", "secondary", "colophon", "theme-footer", "masthead",
                     "theme-header", "widget-area", "cookie-notice", "cookie-notice-container",
                     "cookie-law-info-bar", "cookie-banner", "cookie-bar", "cookie-consent"),
                    "chrome"),
    # A password-protected post shows a form and a message (Twenty Twenty-One prints it
    # outside the form) where the body would be.
    **dict.fromkeys(("post-password-form", "post-password-message"), "protected"),
})
_WORDS: Mapping[str, str] = MappingProxyType({
    **dict.fromkeys(("share", "sharing", "social", "sharedaddy", "addtoany", "shareaholic"),
                    "share"),
    **dict.fromkeys(("related", "relatedposts", "yarpp", "relpost"), "related"),
    **dict.fromkeys(("ad", "ads", "advert", "adverts", "advertisement", "advertising",
                     "adsbygoogle", "adsense", "e3lan", "dfp"), "ads"),
    # Cookie and privacy notices (a plain "cookie" word may name a recipe's block).
    **dict.fromkeys(("consent", "gdpr", "cookiebanner", "cookiebar"), "chrome"),
})
_AUTHOR_BOX_WORDS = frozenset(("box", "bio", "info", "about", "card", "profile", "description"))
# WordPress widgets are `widget widget_<type>`. Layout classes such as `sidebar-right` sit on
# wrappers around the post too, so only an *id* starting with "sidebar" marks a sidebar.
_FIRST_WORDS = frozenset(("widget", "widgets"))
_SPLIT = re.compile(r"[-_]")
# Every noise name has one of these words (a test checks it): one split and one set test rule
# out most class attributes before any token is classified.
_HINT_WORDS = frozenset((
    "share", "sharing", "social", "sharedaddy", "addtoany", "a2a", "shareaholic",
    "related", "relatedposts", "yarpp", "relpost", "query", "latest",
    "ad", "ads", "advert", "adverts", "advertisement", "advertising", "adsbygoogle", "adsense",
    "e3lan", "dfp", "wpcnt",
    "comment", "comments", "commentlist", "respond", "disqus",
    "navigation", "nav", "links", "breadcrumb", "breadcrumbs", "crumbs",
    "saboxplugin", "abh", "author",
    "sidebar", "secondary", "colophon", "theme", "masthead", "widget", "widgets", "password",
    "cookie", "consent", "gdpr", "cookiebanner", "cookiebar",
))
_WORD_BREAKS = re.compile(r"[\s_-]+")

_POST_MARK = re.compile(r"^post-\d+$")
_MAIN_IDS = frozenset(("main", "content", "main-content", "primary"))
_MAIN_BELOW = xpath("descendant::*[self::main or @role='main' or "
                    + " or ".join(f"@id='{ident}'" for ident in sorted(_MAIN_IDS)) + "][1]")
BODY_NOISE_TAGS = frozenset(("script", "style", "noscript", "form", "button", "input", "select",
                             "textarea", "template", "svg", "nav", "link", "meta"))
META_NOISE_TAGS = frozenset(("aside", "nav"))
_AD_HOSTS = ("doubleclick.", "googlesyndication.", "adservice.", "amazon-adsystem.", "/ads/",
             "adnxs.", "taboola.", "outbrain.")


def classify(name: str, is_id: bool = False) -> str | None:
    """The kind of noise a class token or id names (``"share"``, ``"ads"``...), or None."""
    name = name.lower()
    kind = _EXACT.get(name)
    if kind or name.startswith(_TERM_PREFIXES):
        return kind
    words = _SPLIT.split(name)
    if "author" in words and _AUTHOR_BOX_WORDS.intersection(words):
        return "author_box"
    if words[0] in _FIRST_WORDS or (is_id and words[0] == "sidebar"):
        return "chrome"
    for word in words:
        if word in _WORDS:
            return _WORDS[word]
    return None


def noise_kind(el: Element) -> str | None:
    """Why ``el`` is noise, judged by its own class and id, or None."""
    ident = el.get("id")
    if ident and (kind := _id_kind(ident)):
        return kind
    names = el.get("class")
    return _class_kind(names) if names else None


# Pure functions of an attribute's value, memoized: pages repeat the same class attributes on
# many elements, and every extractor asks about the ancestors of what it finds.
@lru_cache(maxsize=4096)
def _id_kind(ident: str) -> str | None:
    return classify(ident, is_id=True) if _may_be_noise(ident) else None


@lru_cache(maxsize=4096)
def _class_kind(names: str) -> str | None:
    if not _may_be_noise(names):
        return None
    for token in names.split():
        if kind := classify(token):
            return kind
    return None


def _may_be_noise(value: str) -> bool:
    return not _HINT_WORDS.isdisjoint(_WORD_BREAKS.split(value.lower()))


def is_ad_frame(el: Element) -> bool:
    """An ``<iframe>`` serving ads (other frames, videos and maps, are content)."""
    src = (el.get("src") or el.get("data-src") or "").lower()
    ident = el.get("id") or ""
    return any(host in src for host in _AD_HOSTS) or ident.startswith("google_ads")


@lru_cache(maxsize=8192)
def is_noise_markup(tag: str, ident: str | None, names: str | None, style: str | None) -> bool:
    """Whether an element (not an ``<iframe>``) is to be cut from a post body, by its tag and
    attributes: pages repeat the same few combinations over thousands of elements."""
    if tag in BODY_NOISE_TAGS or (style and is_hidden_style(style)):
        return True
    if ident and _id_kind(ident):
        return True
    return _class_kind(names) is not None if names else False


def in_author_box(el: Element, stop: Element | None,
                  memo: dict[Element, bool] | None = None) -> bool:
    """True when ``el`` sits in an "about the author" box (below ``stop``); ``memo``: as for
    :func:`~crawler.pages.dom.settle_up`."""
    return settle_up(ancestors_or_self(el, stop),
                     lambda node: (True,) if noise_kind(node) == "author_box" else None,
                     False, memo)


Blocks = dict[Element, "Element | None"]
"""A memo of :func:`meta_noise_block` for one ``stop``: what each element met is in."""


def in_meta_noise(el: Element, stop: Element | None, memo: Blocks | None = None) -> bool:
    """True when ``el`` sits in comments, a sidebar, related posts, a share bar, ads or nav
    (below ``stop``): links there describe other posts or other people, not this post.

    The walk ends at the page's main region: names on the wrappers around it describe the
    layout (``Page-ad-margins``, ``has-sidebar``), not a block beside the post. Inside the
    post's own element (``stop`` marked ``post-N``/``hentry``), an ``<aside>`` or a column
    named sidebar is the post's meta column, not the page's sidebar."""
    return meta_noise_block(el, stop, memo) is not None


def in_side_block(el: Element, stop: Element | None, memo: Blocks | None = None,
                  headed: dict[Element, bool] | None = None) -> bool:
    """:func:`in_meta_noise`, for looking for the post on the whole page: a block named like
    noise that holds the page's ``<h1>`` is a layout wrapper (``m-advertisement-pusher``
    around everything on a page without ``<main>``), not a block beside the post.
    ``headed``: a memo of which blocks hold an ``<h1>``."""
    block = meta_noise_block(el, stop, memo)
    if block is None:
        return False
    holds_h1 = headed.get(block) if headed is not None else None
    if holds_h1 is None:
        holds_h1 = next(block.iter("h1"), None) is not None
        if headed is not None:
            headed[block] = holds_h1
    return not holds_h1


def meta_noise_block(el: Element, stop: Element | None,
                     memo: Blocks | None = None) -> Element | None:
    """The innermost element around ``el`` (below ``stop``) that makes it meta noise; ``memo``
    (kept for one page and one ``stop``): as for :func:`~crawler.pages.dom.settle_up`."""
    own_post = stop is not None and is_post_element(stop)

    def judge(node: Element) -> tuple[Element | None] | None:
        verdict = meta_verdict(node, own_post)
        return None if verdict is None else (node if verdict else None,)

    return settle_up(ancestors_or_self(el, stop), judge, None, memo)


def meta_verdict(node: Element, own_post: bool) -> bool | None:
    """What ``node`` itself says of everything in it: True, meta noise; False, the page's main
    region (names further out describe the layout); None, nothing (ask its parent). ``own_post``:
    the region looked in is the post's own element."""
    tag = node.tag
    if not isinstance(tag, str):
        return None  # a comment or processing instruction says nothing
    get = node.get
    return _meta_verdict(tag, get("id"), get("class"), get("role"), own_post)


@lru_cache(maxsize=8192)
def _meta_verdict(tag: str, ident: str | None, names: str | None, role: str | None,
                  own_post: bool) -> bool | None:
    if tag in META_NOISE_TAGS and not (own_post and tag == "aside"):
        return True
    kind = (_id_kind(ident) if ident else None) or (_class_kind(names) if names else None)
    if kind is not None and kind != "author_box" and not (own_post and _is_column(ident, names)):
        return True
    return False if tag == "main" or role == "main" or ident in _MAIN_IDS else None


def is_post_element(el: Element) -> bool:
    """Marked as a post by ``post_class()`` or ``the_ID()`` (``hentry``, ``post-N``...)."""
    return _is_post_names(el.get("id") or "", el.get("class") or "")


@lru_cache(maxsize=1024)
def _is_post_names(ident: str, names: str) -> bool:
    return bool(_POST_MARK.match(ident)) or any(
        _POST_MARK.match(token) or token in ("hentry", "type-post") for token in names.split())


def _is_column(ident: str | None, names: str | None) -> bool:
    """Named as a page column: ``#sidebar...``, ``.sidebar``, ``.secondary``."""
    words = [(ident or "").lower(), *(names or "").lower().split()]
    return any(word.startswith("sidebar") or word == "secondary" for word in words)


def is_main_region(el: Element) -> bool:
    """``<main>``, ``role="main"`` or a theme's ``#main``/``#content``: the page's central
    region (which may still hold a sidebar of its own)."""
    return el.tag == "main" or el.get("role") == "main" or el.get("id") in _MAIN_IDS


def holds_main_region(el: Element) -> bool:
    """Whether a main region (:func:`is_main_region`) lies below ``el``: a noise block around
    it is a layout wrapper, and what the main region holds is no noise."""
    return bool(_MAIN_BELOW(el))
