"""``<head>`` content shared by the themes: WordPress core links plus SEO-plugin metas."""

from __future__ import annotations

from urllib.parse import quote

from ..model import Post, SiteModel
from ..urls import Urls
from .html import attr, esc_title, iso


def head_links(model: SiteModel, urls: Urls, title: str, sep: str, *, canonical: str | None = None,
               extra_feed: tuple[str, str] | None = None, generator: str = "WordPress 6.4.2",
               prev_url: str | None = None, next_url: str | None = None) -> str:
    """Charset, title, feeds, REST API, RSD, pingback, canonical and pagination links."""
    site = esc_title(model.name)
    lines = [
        '<meta charset="UTF-8" />',
        '<meta name="viewport" content="width=device-width, initial-scale=1" />',
        f"<title>{esc_title(title)}{sep}{site}</title>" if title else f"<title>{site}</title>",
        f'<link rel="alternate" type="application/rss+xml" title="{site} &raquo; Feed" '
        f'href="{attr(urls.feed())}" />',
        f'<link rel="alternate" type="application/rss+xml" title="{site} &raquo; Comments Feed" '
        f'href="{attr(urls.feed("comments"))}" />',
    ]
    if extra_feed:
        lines.append(f'<link rel="alternate" type="application/rss+xml" title="{site} &raquo; '
                     f'{esc_title(extra_feed[0])} Feed" href="{attr(extra_feed[1])}" />')
    lines += [
        f'<link rel="https://api.w.org/" href="{urls.rest()}" />',
        f'<link rel="EditURI" type="application/rsd+xml" title="RSD" '
        f'href="{urls.root}/xmlrpc.php?rsd" />',
        f'<link rel="pingback" href="{urls.root}/xmlrpc.php" />',
        f'<meta name="generator" content="{generator}" />',
    ]
    if canonical:
        lines.append(f'<link rel="canonical" href="{attr(canonical)}" />')
    if prev_url:
        lines.append(f'<link rel="prev" href="{attr(prev_url)}" />')
    if next_url:
        lines.append(f'<link rel="next" href="{attr(next_url)}" />')
    return "\n".join(lines)


def post_links(urls: Urls, post: Post) -> str:
    """What ``wp_head`` adds on a single post: shortlink, REST and oEmbed links, AMP."""
    encoded = quote(post.url, safe="")
    return "\n".join([
        f'<link rel="alternate" type="application/json" '
        f'href="{urls.rest(f"wp/v2/posts/{post.id}")}" />',
        f"<link rel='shortlink' href='{urls.shortlink(post.id)}' />",
        f'<link rel="alternate" type="application/json+oembed" '
        f'href="{urls.rest("oembed/1.0/embed")}?url={encoded}" />',
        f'<link rel="amphtml" href="{attr(urls.amp(post.url))}" />',
    ])


def og_metas(model: SiteModel, post: Post, *, article_times: bool = True) -> str:
    """Yoast-style Open Graph metas; ``article:*_time`` only as far as the post has them."""
    section = post.categories[0].name if post.categories else ""
    lines = [
        '<meta property="og:locale" content="en_US" />',
        '<meta property="og:type" content="article" />',
        f'<meta property="og:title" content="{attr(post.title)} - {attr(model.name)}" />',
        f'<meta property="og:url" content="{attr(post.url)}" />',
        f'<meta property="og:site_name" content="{attr(model.name)}" />',
        *(f'<meta property="article:tag" content="{attr(t.name)}" />' for t in post.tags),
        f'<meta property="article:section" content="{attr(section)}" />',
    ]
    if article_times:
        lines.append(f'<meta property="article:published_time" content="{iso(post.published)}" />')
        if post.modified:
            modified = iso(post.modified)
            lines.append(f'<meta property="article:modified_time" content="{modified}" />')
            lines.append(f'<meta property="og:updated_time" content="{modified}" />')
    if post.featured:
        lines.append(f'<meta property="og:image" content="{attr(post.featured.real)}" />')
    return "\n".join(lines)


def stylesheets(urls: Urls, sheets: list[tuple[str, str]]) -> str:
    return "\n".join(f"<link rel='stylesheet' id='{name}-css' href='{urls.root}/{path}' "
                     f"type='text/css' media='all' />" for name, path in sheets)
