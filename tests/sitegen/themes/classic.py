"""Twenty Twenty-One: ``article#post-N``, ``h1.entry-title``, ``div.entry-content`` (with
Jetpack's share bar and related posts appended inside it, as Jetpack does), ``footer.entry-footer``
with ``time.entry-date.published``, ``time.updated``, ``span.byline``, cat and tag links."""

# ruff: noqa: E501 -- markup templates: a source line is a run of served HTML, kept whole to read like the page.

from __future__ import annotations

from functools import cached_property

from ..listings import Listing
from ..model import Attachment, Page, Post
from .base import Theme, page_numbers
from .body import body_html
from .comments import _avatar, classic_comments
from .html import attr, esc, iso, long_date

ADS = ('<div class="ad-slot"><ins class="adsbygoogle" style="display:block" data-ad-client="ca-pub-'
       '0000000000000000" data-ad-slot="1234567890"></ins><script>(adsbygoogle = window.adsbygoogle'
       " || []).push({});</script></div>")


class ClassicTheme(Theme):
    name = "classic"
    sheets = [("twenty-twenty-one-style", "wp-content/themes/twentytwentyone/style.css?ver=2.1")]
    body_extra = "wp-embed-responsive is-light-theme no-js has-main-navigation"

    @cached_property
    def frame(self) -> tuple[str, str]:
        w, urls = self.w, self.urls
        menu = "".join(f'<li class="menu-item"><a href="{attr(u)}">{label}</a></li>' for u, label in w.pages_menu)
        widgets = [("search-2", "widget_search", "Search", w.search_form()),
                   ("recent-posts-2", "widget_recent_entries", "Recent Posts", w.recent_posts),
                   ("recent-comments-2", "widget_recent_comments", "Recent Comments", w.recent_comments),
                   ("archives-2", "widget_archive", "Archives", w.archives),
                   ("categories-2", "widget_categories", "Categories", w.categories),
                   ("tag_cloud-2", "widget_tag_cloud", "Tags", w.tag_cloud),
                   ("calendar-2", "widget_calendar", "Calendar", w.calendar),
                   ("meta-2", "widget_meta", "Meta", w.meta)]
        aside = "\n".join(f'<section id="{i}" class="widget {c}"><h2 class="widget-title">{t}</h2>{inner}'
                          f"</section>" for i, c, t, inner in widgets)
        contact = urls.variant(self.model.pages[-1].url, 1)
        name = esc(self.model.name)
        top = (f'<div id="page" class="site">\n<a class="skip-link screen-reader-text" href="#content">Skip to '
               f'content</a>\n<header id="masthead" class="site-header has-title-and-tagline has-menu">\n'
               f'<div class="site-branding"><p class="site-title"><a href="{urls.home()}" rel="home">{name}</a>'
               f'</p><p class="site-description">{esc(self.model.tagline)}</p></div>\n<nav id="site-navigation" '
               f'class="primary-navigation" aria-label="Primary menu"><div class="primary-menu-container"><ul '
               f'id="primary-menu-list" class="menu-wrapper">{menu}</ul></div></nav>\n</header>\n<div id="content" '
               f'class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">\n')
        bottom = (f'\n</main></div></div>\n<aside class="widget-area">\n{aside}\n</aside>\n<footer id="colophon" '
                  f'class="site-footer"><div class="site-info"><div class="site-name"><a href="{urls.home()}">{name}'
                  f'</a></div><div class="contact-link"><a href="{attr(contact)}">Contact</a></div><div class='
                  f'"powered-by">Proudly powered by <a href="https://wordpress.org/">WordPress</a>.</div></div>'
                  f"</footer>\n</div>")
        return top, bottom

    def document(self, head: str, body_class: str, main: str) -> str:
        top, bottom = self.frame
        return self.html(head, body_class, top + main + bottom)

    def jetpack(self, post: Post) -> str:
        """Jetpack appends its share bar and related posts to ``the_content``."""
        share = "".join(f'<li class="share-{s}"><a rel="nofollow noopener noreferrer" data-shared="sharing-'
                        f'{s}-{post.id}" class="share-{s} sd-button share-icon" href="'
                        f'{attr(self.urls.share(post.url, s))}" target="_blank"><span>{s.title()}</span></a></li>'
                        for s in ("twitter", "facebook"))
        related = "".join(f'<div class="jp-relatedposts-post"><h4 class="jp-relatedposts-post-title"><a class="'
                          f'jp-relatedposts-post-a" href="{attr(p.url)}" rel="nofollow">{esc(p.title)}</a></h4>'
                          f'<p class="jp-relatedposts-post-date">{long_date(p.published)}</p></div>'
                          for p in self.related(post))
        return (f'<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social '
                f'sd-sharing"><h3 class="sd-title">Share this:</h3><div class="sd-content"><ul>{share}</ul>'
                f"</div></div></div><div id='jp-relatedposts' class='jp-relatedposts'><h3 class=\"jp-"
                f'relatedposts-headline"><em>Related</em></h3><div class="jp-relatedposts-items">{related}'
                f"</div></div>")

    def byline(self, post: Post, published_updated: bool = False) -> str:
        author = self.author_url(post)
        cls = "entry-date published updated" if published_updated else "entry-date published"
        updated = (f'<time class="updated" datetime="{iso(post.modified)}">{long_date(post.modified)}</time>'
                   if post.modified and not published_updated else "")
        return (f'<span class="posted-on">Published <time class="{cls}" datetime="{iso(post.published)}">'
                f"{long_date(post.published)}</time>{updated}</span>"
                f'<span class="byline">By <a href="{attr(author or "")}">{esc(post.author.name)}</a></span>')

    def post_main(self, post: Post) -> str:
        urls = self.urls
        thumb = (f'<figure class="post-thumbnail"><img width="1568" height="784" src="{attr(post.featured.real)}" '
                 f'class="attachment-post-thumbnail size-post-thumbnail wp-post-image" alt="" /></figure>'
                 if post.featured else "")
        cats = ", ".join(f'<a href="{attr(urls.category(t))}" rel="category tag">{esc(t.name)}</a>'
                         for t in post.categories)
        tags = ", ".join(f'<a href="{attr(urls.tag(t))}" rel="tag">{esc(t.name)}</a>' for t in post.tags)
        author = self.author_url(post) or ""
        before, after = self.neighbours(post)
        nav = "".join(f'<div class="nav-{cls}"><a href="{attr(p.url)}" rel="{rel}"><p class="meta-nav">{label}'
                      f'</p><p class="post-title">{esc(p.title)}</p></a></div>' for p, cls, rel, label in
                      ((before, "previous", "prev", "Previous post"), (after, "next", "next", "Next post")) if p)
        return f"""<article id="post-{post.id}" class="{self.article_class(post)}">
<header class="entry-header alignwide"><h1 class="entry-title">{esc(post.title)}</h1>{thumb}</header>
<div class="entry-content">
{body_html(post.blocks, self.style)}
{self.jetpack(post)}
</div>
<footer class="entry-footer default-max-width"><div class="posted-by">{self.byline(post)}</div><div class="post-taxonomies"><span class="cat-links">Categorized as {cats}</span>{f'<span class="tags-links">Tagged {tags}</span>' if tags else ""}</div></footer>
<div class="author-bio show-avatars">{_avatar(post.author.name, 85)}<div class="author-bio-content"><h2 class="author-title">By {esc(post.author.name)}</h2><p class="author-description">{esc(post.author.bio)}</p><a class="author-link" href="{attr(author)}" rel="author">View all of {esc(post.author.name)}&#8217;s posts.</a></div></div>
</article>
{ADS}
{classic_comments(urls, post)}
<nav class="navigation post-navigation" aria-label="Posts"><h2 class="screen-reader-text">Post navigation</h2><div class="nav-links">{nav}</div></nav>"""

    def item(self, p: Post) -> str:
        return (
            f'<article id="post-{p.id}" class="{self.article_class(p)}"><header class="entry-header"><h2 '
            f'class="entry-title default-max-width"><a href="{attr(p.url)}">{esc(p.title)}</a></h2></header>'
            f'<div class="entry-content"><p>{self.excerpt(p)}</p></div><footer class="entry-footer default-max-'
            f'width">{self.byline(p, published_updated=True)}</footer></article>\n')

    def listing_main(self, listing: Listing) -> str:
        prefix = {"category": "Category: ", "tag": "Tag: ", "author": "Author: "}.get(listing.kind, "")
        head = (f'<header class="page-header alignwide"><h1 class="page-title">{prefix}<span>'
                f"{esc(listing.label)}</span></h1></header>\n" if listing.kind != "home" else "")
        items = self.items(listing.posts)
        links = []
        if listing.prev_url:
            links.append(f'<a class="prev page-numbers" href="{attr(listing.prev_url)}">Newer posts</a>')
        for n in page_numbers(listing.page, listing.pages):
            links.append('<span class="page-numbers dots">&hellip;</span>' if n is None else
                         f'<span aria-current="page" class="page-numbers current">{n}</span>' if n == listing.page
                         else f'<a class="page-numbers" href="{attr(listing.page_urls[n - 1])}">{n}</a>')
        if listing.next_url:
            links.append(f'<a class="next page-numbers" href="{attr(listing.next_url)}">Older posts</a>')
        return (f'{head}{items}<nav class="navigation pagination" aria-label="Posts"><h2 class="screen-reader-'
                f'text">Posts navigation</h2><div class="nav-links">{"".join(links)}</div></nav>')

    def _singular(self, obj_id: int, classes: str, title: str, content: str, after: str = "") -> str:
        return (f'<article id="post-{obj_id}" class="post-{obj_id} {classes}"><header class="entry-header '
                f'alignwide"><h1 class="entry-title">{esc(title)}</h1></header><div class="entry-content">'
                f"{content}</div></article>{after}")

    def page_main(self, page: Page) -> str:
        return self._singular(page.id, "page type-page status-publish hentry", page.title,
                              body_html(page.blocks, self.style))

    def attachment_main(self, att: Attachment) -> str:
        image = att.image
        content = f'<figure class="wp-block-image"><a href="{attr(image.full)}"><img src="{attr(image.real)}" alt="" /></a></figure>'
        nav = (f'<nav class="navigation post-navigation" aria-label="Posts"><div class="nav-links"><div class='
               f'"nav-previous"><a href="{attr(att.parent.url)}" rel="prev"><span class="meta-nav">Published in'
               f'</span> <span class="post-title">{esc(att.parent.title)}</span></a></div></div></nav>')
        return self._singular(att.id, "attachment type-attachment status-inherit hentry", image.name, content, nav)

    def not_found_main(self) -> str:
        return ('<header class="page-header alignwide"><h1 class="page-title">Nothing here</h1></header><div '
                'class="error-404 not-found default-max-width"><div class="page-content"><p>It looks like '
                f"nothing was found at this location. Maybe try a search?</p>{self.w.search_form('s404')}"
                "</div></div>")
