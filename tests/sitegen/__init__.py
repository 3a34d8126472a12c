"""Deterministic WordPress-like fixture sites with known ground truth.

``build_site()`` renders a whole site (posts, listings, static pages, attachment and AMP pages,
redirects) in one of three markup families; ``Site.posts`` / ``Site.expected()`` say what a
correct crawl exports; ``serve_site()`` serves it over HTTP; ``Site.write_mirror()`` writes it
as a wget or wayback_machine_downloader mirror.

Ground-truth conventions beyond the Post schema's docstrings:

- ``slug`` is always the post's ``post_name``. With ``archives`` and ``plain`` permalinks the
  URL does not hold it: the page shows it only as a ``slug-<post_name>`` class on ``<body>``.
- ``author_slug`` is None with ``plain`` permalinks (author links are ``?author=N``) and, in the
  ``block`` theme, for posts whose byline is unlinked (the page then names no author slug).
- ``published``/``modified`` are ``isoformat()`` in the post's own UTC offset. The ``block``
  theme has no ``article:*`` metas: modified shows as ``.wp-block-post-date__modified-date``.
  One post per site was modified before it was published (a scheduled post).
- ``links`` keep URLs as written, resolved against the post URL, fragment dropped (an old-slug
  link stays the old URL); ``images`` hold ``data-src`` for the lazy image.
- Noise inside the body container: the ``classic`` theme appends Jetpack's ``.sharedaddy`` and
  ``#jp-relatedposts`` inside ``.entry-content``, as Jetpack does; the truth leaves them out.
- Real-theme traps kept on purpose: Twenty Twenty-One's author bio carries the only
  ``rel="author"`` link ("View all of X's posts."); Sahifa prints ``p.post-tag`` after the
  ``<article>`` and a hidden ``span.updated`` holding the publication date; comment ``<time>``
  elements carry their own ``datetime``; AMP pages give the publication time in UTC.
"""

from __future__ import annotations

from .server import FixtureServer, serve_site
from .site import Site, build_site

__all__ = ["FixtureServer", "Site", "build_site", "serve_site"]
