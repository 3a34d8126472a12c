"""AMP "reader mode" pages (``/slug/amp/``), as the AMP plugin serves them for every theme.

The AMP page gives the publication time in UTC: a crawler that reads it instead of the
canonical page gets a different offset, which is why AMP URLs are variants to skip.
"""

# ruff: noqa: E501 -- markup templates: a source line is a run of served HTML, kept whole to read like the page.

from __future__ import annotations

from datetime import UTC

from .model import Post, SiteModel
from .themes.body import body_html
from .themes.html import attr, esc, esc_title, iso


def amp_page(model: SiteModel, post: Post) -> str:
    """The AMP version of ``post``; images become ``amp-img``, links stay."""
    body = _close_amp_images(body_html(post.blocks, "gutenberg").replace("<img ", '<amp-img layout="intrinsic" '))
    published = post.published.astimezone(UTC)
    return f"""<!doctype html>
<html amp lang="en-US">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width">
<title>{esc_title(post.title)} &#8211; {esc_title(model.name)}</title>
<link rel="canonical" href="{attr(post.url)}">
<script async src="https://cdn.ampproject.org/v0.js"></script>
<style amp-custom>.amp-wp-header{{background:#0a89c0}}.amp-wp-article{{color:#353535;margin:1.5em auto}}</style>
</head>
<body class="">
<header id="top" class="amp-wp-header"><div><a href="{model.root}/">{esc(model.name)}</a></div></header>
<article class="amp-wp-article">
<header class="amp-wp-article-header"><h1 class="amp-wp-title">{esc(post.title)}</h1>
<div class="amp-wp-meta amp-wp-byline"><span class="amp-wp-author author vcard">{esc(post.author.name)}</span></div>
<div class="amp-wp-meta amp-wp-posted-on"><time datetime="{iso(published)}">{published:%Y-%m-%d}</time></div>
</header>
<div class="amp-wp-article-content">
{body}
</div>
<footer class="amp-wp-article-footer"><div class="amp-wp-meta amp-wp-comments-link"><a href="{attr(post.url)}#comments">Leave a Comment</a></div></footer>
</article>
<footer class="amp-wp-footer"><div><p>&copy; {esc(model.name)}</p><a href="#top" class="back-to-top">Back to top</a></div></footer>
</body>
</html>
"""


def _close_amp_images(html: str) -> str:
    """``<amp-img ...>`` is not a void element: close each one right after its start tag."""
    out, start = [], 0
    while (i := html.find("<amp-img ", start)) != -1:
        end = html.index(">", i) + 1
        tag = html[i:end]
        out.append(html[start:i] + tag + "</amp-img>")
        start = end
    out.append(html[start:])
    return "".join(out)
