"""The datasets' contract: one :class:`Post` per WordPress post, one :class:`Comment` per comment.

The field docstrings are the documentation: ``datapackage.json`` copies them into its schemas.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

LIST_FIELDS = ("categories", "tags", "images", "links")


@dataclass
class Post:
    """One WordPress post, in original-URL space, ready for export."""

    post_id: int | None = None
    """WordPress post ID (``postid-N`` body class, ``article#post-N``, shortlink ``?p=N``...).
    ``None`` only when the page shows none; such posts are keyed by ``url``."""
    site: str = ""
    """Canonical site root, e.g. ``https://www.deepdotweb.com``."""
    url: str = ""
    """Canonical original permalink: no archive prefix, no tracking parameters, no fragment."""
    slug: str = ""
    """Last path segment of the permalink."""
    title: str = ""
    """Plain text, entities decoded, site-name suffix removed."""
    author: str | None = None
    """Author display name."""
    author_slug: str | None = None
    """Author slug, from ``/author/<slug>/``."""
    published: str | None = None
    """ISO 8601, with the UTC offset when the page gives one."""
    modified: str | None = None
    """ISO 8601, with the UTC offset when the page gives one."""
    categories: list[str] = field(default_factory=list)
    """Category names, page order."""
    tags: list[str] = field(default_factory=list)
    """Tag names, page order."""
    content_html: str = ""
    """The post body only: no share buttons, ads, related posts or comments."""
    content_text: str = ""
    """The body as readable plain text (blocks separated by blank lines)."""
    word_count: int = 0
    """Words in ``content_text``."""
    images: list[str] = field(default_factory=list)
    """Absolute original URLs of the images in the body, page order."""
    links: list[str] = field(default_factory=list)
    """Absolute original URLs of the links in the body, page order."""
    comment_count: int | None = None
    """Comments shown or declared on the page; ``None`` when the page says nothing."""
    archive_url: str | None = None
    """The capture actually fetched (a Wayback URL, a mirror file URI); ``None`` for live pages."""
    captured_at: str | None = None
    """Capture time, ISO 8601 UTC; ``None`` when unknown."""
    source: str = "live"
    """Where the bytes came from: ``wayback``, ``mirror``, ``warc`` or ``live``."""
    published_raw: str | None = None
    """The publication date as the page shows it, kept only when it could not be read as a date
    (``published`` is then empty); ``None`` otherwise."""
    modified_raw: str | None = None
    """The modification date as the page shows it, kept only when it could not be read as a
    date (``modified`` is then empty); ``None`` otherwise."""
    page_kind: str = "post"
    """What the page parser judged the page to be (``post``, ``page``, ``unknown``...). Not part
    of the dataset: the validate pipeline drops non-posts, and exports leave this column out."""


POST_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Post) if f.name != "page_kind")
"""The dataset's columns, in export order (README, "The dataset")."""


@dataclass
class Comment:
    """One comment shown on a post page: the second dataset of a crawl, one row per
    (``site``, ``comment_id``) across every capture of every copy of its post.

    Pingbacks and trackbacks are not comments (WordPress's REST API lists them apart): they
    are left out, and so is anything a visitor is not shown (pending, spam, trashed comments).
    """

    comment_id: int | None = None
    """WordPress comment ID (``li#comment-N``, ``div-comment-N``, the permalink ``#comment-N``)."""
    post_id: int | None = None
    """ID of the post the comment belongs to (``None`` when its page shows no post ID)."""
    parent_id: int | None = None
    """ID of the comment it answers (threaded replies); ``None`` for a top-level comment. A
    reply deeper than the site's thread depth is shown by WordPress under the deepest comment
    of its thread, with nothing saying whom it answers: it gets that comment."""
    author: str | None = None
    """The commenter's display name, as shown."""
    author_url: str | None = None
    """The website the commenter's name links to; ``None`` when it links nowhere."""
    published: str | None = None
    """When the comment was posted, ISO 8601: from ``time[datetime]`` (with its UTC offset), else
    as shown, in the offset of the post's own date on the page when the comment shows none."""
    content_html: str = ""
    """The comment's text as HTML (no author, date, avatar or reply link)."""
    content_text: str = ""
    """The comment as readable plain text (blocks separated by blank lines)."""
    site: str = ""
    """Canonical site root, as for posts."""
    post_url: str = ""
    """Canonical original permalink of the post (a comment page's ``/comment-page-N/`` dropped)."""
    archive_url: str | None = None
    """The capture the comment was read from (a post page or one of its comment pages)."""
    captured_at: str | None = None
    """Capture time of that page, ISO 8601 UTC; ``None`` when unknown."""
    source: str = "live"
    """Where the bytes came from: ``wayback``, ``mirror``, ``warc`` or ``live``."""


COMMENT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Comment))
"""The comments dataset's columns, in export order."""
