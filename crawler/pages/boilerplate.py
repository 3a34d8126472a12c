"""Bits of a body that are the site's interface, not the post: labels and share links.

Themes and plugins print them inside the post's wrapper: an "Advertisement" label over an ad
slot, a "Read more" link, a "Comments" heading over an empty comments plugin, a "Share this on
WhatsApp" link. Each is recognised on its own, without knowing the site.
"""

from __future__ import annotations

from .dom import Element, clean_text
from .text import BLOCKS

# Whole texts of an element (lower case, trailing ":" and dots dropped) that are labels.
LABELS = frozenset((
    "advertisement", "advertisements", "advert", "adverts", "ad", "ads", "sponsored",
    "sponsored content", "publicidade", "publicidad", "pubblicità", "werbung", "anzeige",
    "publicité", "реклама",
    "read more", "continue reading", "read next", "read also", "see also", "more",
    "comments", "comment", "leave a comment", "leave a reply", "add comment",
    "comentários", "comentarios", "kommentare", "commenti", "commentaires", "комментарии",
    "share", "share this", "share this article", "share this post", "share this story",
    "share on facebook", "share on twitter", "share on whatsapp", "tweet", "email", "print",
    "like this", "related", "related posts", "related articles", "related stories",
    "you may also like", "you might also like", "trending", "popular", "most read", "topics",
    "tags", "caption", "close", "video", "photo", "image", "updated", "loading",
    "subscribe", "sign up", "follow us",
))
_MAX_LABEL = max(len(label) for label in LABELS)
_SHARE_LINKS = ("facebook.com/sharer", "twitter.com/intent/tweet", "twitter.com/share",
                "pinterest.com/pin/create", "linkedin.com/sharearticle", "linkedin.com/cws/share",
                "reddit.com/submit", "whatsapp://send", "api.whatsapp.com/send", "wa.me/?",
                "t.me/share", "telegram.me/share", "vk.com/share.php", "tumblr.com/share",
                "plus.google.com/share", "getpocket.com/save", "mailto:?")


def is_interface(el: Element) -> bool:
    """A share link, or a label standing alone: a block whose whole text it is, or an inline
    element whose text is the whole of its parent's (not a word of a sentence)."""
    if el.tag == "a" and is_share_link(el.get("href")):
        return True
    if len(el) or not _is_label(el.text):
        return False
    return el.tag in BLOCKS or _is_label(el.getparent().text_content())


def is_share_link(href: str | None) -> bool:
    """A link that shares the page on a social network or by mail."""
    href = (href or "").lower()
    return any(share in href for share in _SHARE_LINKS)


def _is_label(text: str | None) -> bool:
    if not text or len(text) > _MAX_LABEL + 20:
        return False
    return clean_text(text).lower().rstrip(":.…!»›> ") in LABELS
