"""Twenty Twenty-Three (a block theme): no ``<article>`` around the post, ``h1.wp-block-post-title``,
``.wp-block-post-date time``, ``.wp-block-post-author-name`` (sometimes unlinked: then the page
names no author slug at all), ``.wp-block-post-content``, ``.wp-block-post-terms`` for both
taxonomies with ``rel="tag"`` on every link, ``.wp-block-comments``."""

# ruff: noqa: E501 -- markup templates: a source line is a run of served HTML, kept whole to read like the page.

from __future__ import annotations

from functools import cached_property

from ..listings import Listing
from ..model import Attachment, Page, Post
from .base import Theme, page_numbers
from .body import body_html
from .comments import block_comments
from .html import attr, esc, iso, long_date


class BlockTheme(Theme):
    name = "block"
    article_times = False
    sheets = [("wp-block-library", "wp-includes/css/dist/block-library/style.min.css?ver=6.4.2")]
    body_extra = "wp-embed-responsive"

    @cached_property
    def frame(self) -> tuple[str, str]:
        w, urls = self.w, self.urls
        menu = "".join(f'<li class="wp-block-navigation-item wp-block-navigation-link"><a class="wp-block-'
                       f'navigation-item__content" href="{attr(u)}"><span class="wp-block-navigation-item__'
                       f'label">{label}</span></a></li>' for u, label in w.pages_menu)
        blocks = [("wp-block-search", w.search_form("wp-block-search__input-1")),
                  ("wp-block-latest-posts", w.recent_posts), ("wp-block-categories", w.categories),
                  ("wp-block-tag-cloud", w.tag_cloud), ("wp-block-calendar", w.calendar),
                  ("wp-block-archives", w.archives), ("wp-block-latest-comments", w.recent_comments),
                  ("wp-block-meta", w.meta)]
        widgets = "\n".join(f'<div class="wp-block-group {cls}-wrap"><div class="{cls}">{inner}</div></div>'
                            for cls, inner in blocks)
        name = esc(self.model.name)
        top = (f'<div class="wp-site-blocks">\n<header class="wp-block-template-part"><div class="wp-block-group '
               f'is-layout-flex"><p class="wp-block-site-title"><a href="{urls.home()}" target="_self" rel="home">'
               f'{name}</a></p><nav class="is-responsive wp-block-navigation" aria-label="Header navigation"><ul '
               f'class="wp-block-navigation__container">{menu}</ul></nav></div></header>\n<main class="wp-block-'
               f'group is-layout-constrained">\n')
        bottom = (f'\n</main>\n<footer class="wp-block-template-part"><div class="wp-block-group has-global-'
                  f'padding">\n{widgets}\n<p class="has-text-align-right">Proudly powered by <a href="https://'
                  f'wordpress.org" rel="nofollow">WordPress</a></p></div></footer>\n</div>')
        return top, bottom

    def document(self, head: str, body_class: str, main: str) -> str:
        top, bottom = self.frame
        return self.html(head, body_class, top + main + bottom)

    def terms(self, post: Post) -> str:
        out = []
        for tax, terms, prefix in (("category", post.categories, "in "), ("post_tag", post.tags, "Tagged ")):
            if terms:
                links = '<span class="wp-block-post-terms__separator">, </span>'.join(
                    f'<a href="{attr(self.urls.term(t))}" rel="tag">{esc(t.name)}</a>' for t in terms)
                out.append(f'<div class="taxonomy-{tax} wp-block-post-terms"><span class="wp-block-post-terms__'
                           f'prefix">{prefix}</span>{links}</div>')
        return "".join(out)

    def author_block(self, post: Post) -> str:
        url, name = self.author_url(post), esc(post.author.name)
        inner = (f'<a href="{attr(url)}" target="_self" class="wp-block-post-author-name__link">{name}</a>'
                 if url else name)
        return f'<div class="wp-block-post-author-name">{inner}</div>'

    def dates(self, post: Post) -> str:
        out = (f'<div class="wp-block-post-date"><time datetime="{iso(post.published)}">'
               f"{long_date(post.published)}</time></div>")
        if post.modified:
            out += (f'<div class="wp-block-post-date wp-block-post-date__modified-date"><time datetime="'
                    f'{iso(post.modified)}">{long_date(post.modified)}</time></div>')
        return out

    def post_main(self, post: Post) -> str:
        urls = self.urls
        thumb = (f'<figure class="alignwide wp-block-post-featured-image"><img width="1024" height="683" src="'
                 f'{attr(post.featured.real)}" class="attachment-post-thumbnail size-post-thumbnail wp-post-image" '
                 f'alt="" /></figure>' if post.featured else "")
        share = "".join(f'<a class="share-{s} sd-button" href="{attr(urls.share(post.url, s))}" rel="nofollow '
                        f'noopener noreferrer">{s.title()}</a>' for s in ("twitter", "facebook"))
        before, after = self.neighbours(post)
        nav = "".join(f'<div class="post-navigation-link-{cls} wp-block-post-navigation-link"><a href="'
                      f'{attr(p.url)}" rel="{rel}">{esc(p.title)}</a></div>' for p, cls, rel in
                      ((before, "previous", "prev"), (after, "next", "next")) if p)
        more = "".join(f'<li class="wp-block-post"><h3 class="wp-block-post-title"><a href="{attr(p.url)}">'
                       f"{esc(p.title)}</a></h3></li>" for p in self.related(post))
        bio = (f'<div class="wp-block-post-author"><div class="wp-block-post-author__content"><p class="wp-block-'
               f'post-author__name">{esc(post.author.name)}</p><p class="wp-block-post-author__bio">'
               f"{esc(post.author.bio)}</p></div></div>")
        return f"""<div class="wp-block-group has-global-padding"><h1 style="margin-bottom:var(--wp--preset--spacing--40)" class="wp-block-post-title">{esc(post.title)}</h1>{thumb}</div>
<div class="entry-content wp-block-post-content has-global-padding is-layout-constrained">
{body_html(post.blocks, self.style)}
</div>
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3>{share}</div>
<div class="wp-block-html ad-slot"><ins class="adsbygoogle" data-ad-client="ca-pub-0000000000000000"></ins></div>
<div class="wp-block-group is-layout-flex">{self.dates(post)}<p>by</p>{self.author_block(post)}{self.terms(post)}</div>
{bio}
<nav class="wp-block-group is-layout-flex" aria-label="Posts">{nav}</nav>
<div class="wp-block-query related-posts"><h2 class="wp-block-heading">More posts</h2><ul class="wp-block-post-template">{more}</ul></div>
{block_comments(urls, post)}"""

    def item(self, p: Post) -> str:
        return (
            f'<li class="wp-block-post {self.article_class(p)}"><h2 class="wp-block-post-title"><a href="'
            f'{attr(p.url)}" target="_self">{esc(p.title)}</a></h2><div class="wp-block-post-excerpt"><p class="'
            f'wp-block-post-excerpt__excerpt">{self.excerpt(p)}</p></div><div class="wp-block-post-date"><time '
            f'datetime="{iso(p.published)}"><a href="{attr(p.url)}">{long_date(p.published)}</a></time></div></li>'
        )

    def listing_main(self, listing: Listing) -> str:
        prefix = {"category": "Category: ", "tag": "Tag: ", "author": "Author: "}.get(listing.kind, "")
        head = (f'<h1 class="wp-block-query-title">{prefix}<span>{esc(listing.label)}</span></h1>\n'
                if listing.kind != "home" else "")
        items = self.items(listing.posts)
        numbers = "".join('<span class="page-numbers dots">&hellip;</span>' if n is None else
                          f'<span aria-current="page" class="page-numbers current">{n}</span>' if n == listing.page
                          else f'<a class="page-numbers" href="{attr(listing.page_urls[n - 1])}">{n}</a>'
                          for n in page_numbers(listing.page, listing.pages))
        prev = (f'<a href="{attr(listing.prev_url)}" class="wp-block-query-pagination-previous">Previous Page</a>'
                if listing.prev_url else "")
        nxt = (f'<a href="{attr(listing.next_url)}" class="wp-block-query-pagination-next">Next Page</a>'
               if listing.next_url else "")
        return (f'{head}<div class="wp-block-query"><ul class="wp-block-post-template">{items}</ul><nav class="'
                f'wp-block-query-pagination" aria-label="Pagination">{prev}<div class="wp-block-query-pagination-'
                f'numbers">{numbers}</div>{nxt}</nav></div>')

    def page_main(self, page: Page) -> str:
        return (f'<h1 class="wp-block-post-title">{esc(page.title)}</h1><div class="entry-content wp-block-post-'
                f'content is-layout-constrained">{body_html(page.blocks, self.style)}</div>')

    def attachment_main(self, att: Attachment) -> str:
        image = att.image
        return (f'<h1 class="wp-block-post-title">{esc(image.name)}</h1><div class="entry-content wp-block-post-'
                f'content"><figure class="wp-block-image"><a href="{attr(image.full)}"><img src="{attr(image.real)}"'
                f' alt="" /></a></figure></div><div class="post-navigation-link-previous wp-block-post-navigation-'
                f'link"><a href="{attr(att.parent.url)}" rel="prev">{esc(att.parent.title)}</a></div>')

    def not_found_main(self) -> str:
        return ('<h1 class="has-text-align-center wp-block-heading">Page Not Found</h1><p class="has-text-align-'
                'center">The page you are looking for does not exist, or it has been moved. Please try searching '
                f"using the form below.</p>{self.w.search_form('wp-block-search__input-404')}")
