"""Sahifa (TieLabs), as on deepdotweb.com: ``#theme-header``, ``article.post-listing``,
``p.post-meta`` spans, ``div.entry``, ``.share-post``, ``#related_posts``, ``ol.commentlist``."""

# ruff: noqa: E501 -- markup templates: a source line is a run of served HTML, kept whole to read like the page.

from __future__ import annotations

from functools import cached_property

from ..listings import Listing
from ..model import Attachment, Page, Post, count_comments
from .base import Theme, page_numbers
from .body import body_html
from .comments import sahifa_comments
from .html import attr, esc, long_date
from .sahifa_chrome import sahifa_chrome

_DELIMITER = ' <span class="delimiter">/</span> '


class SahifaTheme(Theme):
    name = "sahifa"
    style = "classic-editor"
    sep = " - "
    generator = "WordPress 4.9.8"
    sheets = [("tie-style", "wp-content/themes/sahifa/style.css?ver=4.9.8"),
              ("Droid+Sans", "wp-content/themes/sahifa/css/fonts.css?ver=4.9.8")]
    body_extra = "lazy-enabled"

    def document(self, head: str, body_class: str, main: str) -> str:
        return self.html(head, body_class, self.chrome.replace("<!--MAIN-->", main, 1))

    @cached_property
    def chrome(self) -> str:
        return sahifa_chrome(self.model, self.urls, self.w)

    def crumbs(self, *trail: tuple[str, str]) -> str:
        parts = [f'<span typeof="v:Breadcrumb"><a rel="v:url" property="v:title" class="crumbs-home" '
                 f'href="{self.urls.root}">Home</a></span>']
        for url, label in trail[:-1]:
            parts.append(f'<span typeof="v:Breadcrumb"><a rel="v:url" property="v:title" '
                         f'href="{attr(url)}">{label}</a></span>')
        parts.append(f'<span class="current">{trail[-1][1]}</span>')
        return (f'<div xmlns:v="http://rdf.data-vocabulary.org/#" id="crumbs">'
                f"{_DELIMITER.join(parts)}</div>")

    def meta(self, post: Post, with_cats: bool = True) -> str:
        author = self.author_url(post)
        name = f'<a href="{attr(author)}" title="">{esc(post.author.name)} </a>' if author else esc(post.author.name)
        n = count_comments(post.comments)
        count = ("#comments", f"{n} Comment{'s' if n > 1 else ''}") if n else ("#respond", "Leave a comment")
        cats = ", ".join(f'<a href="{attr(self.urls.category(t))}" rel="category tag">{esc(t.name)}</a>'
                         for t in post.categories)
        return (f'<p class="post-meta">\n<span class="post-meta-author"><i class="fa fa-user"></i>{name}</span>\n'
                f'<span class="tie-date"><i class="fa fa-clock-o"></i>{long_date(post.published)}</span>\n'
                + (f'<span class="post-cats"><i class="fa fa-folder"></i>{cats}</span>\n' if with_cats else "")
                + f'<span class="post-comments"><i class="fa fa-comments"></i><a href="{attr(post.url)}'
                f'{count[0]}">{count[1]}</a></span>\n</p>')

    def post_main(self, post: Post) -> str:
        urls, author = self.urls, self.author_url(post)
        cat = post.categories[0]
        thumb = (f'<div class="single-post-thumb"><img width="660" height="330" src="{attr(post.featured.real)}" '
                 f'class="attachment-slider size-slider wp-post-image" alt="" /></div>\n' if post.featured else "")
        vcard = (f'<a href="{attr(author)}" title="Posts by {attr(post.author.name)}" rel="author">'
                 f"{esc(post.author.name)}</a>" if author else esc(post.author.name))
        tags = " ".join(f'<a href="{attr(urls.tag(t))}" rel="tag">{esc(t.name)}</a>' for t in post.tags)
        before, after = self.neighbours(post)
        nav = "".join(f'<div class="post-{cls}"><a href="{attr(p.url)}" rel="{rel}"><span>{label}</span> '
                      f"{esc(p.title)}</a></div>" for p, cls, rel, label in
                      ((before, "previous", "prev", "Previous"), (after, "next", "next", "Next")) if p)
        related = "".join(
            f'<div class="related-item"><h3><a href="{attr(p.url)}" rel="bookmark">{esc(p.title)}</a></h3>'
            f'<p class="post-meta"><span class="tie-date"><i class="fa fa-clock-o"></i>'
            f"{long_date(p.published)}</span></p></div>" for p in self.related(post))
        share = (f'<div class="share-post"><span class="share-text">Share</span><ul class="flat-social">'
                 f'<li><a href="http://www.facebook.com/sharer.php?u={attr(post.url)}" class="social-facebook" '
                 f'rel="external" target="_blank"><span>Facebook</span></a></li><li><a href="'
                 f'{attr(urls.share(post.url, "twitter"))}" class="social-twitter" rel="external" '
                 f'target="_blank"><span>Twitter</span></a></li></ul><div class="clear"></div></div>')
        bio = (f'<section id="author-box"><div class="block-head"><h3>About {esc(post.author.name)} </h3>'
               f'<div class="stripe-line"></div></div><div class="post-listing"><div class="author-bio">'
               f'<div class="author-description">{esc(post.author.bio)}</div><div class="author-social '
               f'flat-social"><a class="social-site" target="_blank" href="{attr(author or urls.home())}">'
               f"Site</a></div></div></div></section>")
        return f"""{self.crumbs((urls.category(cat), esc(cat.name)), ("", esc(post.title)))}
<div class="e3lan e3lan-post"><a href="https://vpn-chart.example.com/"><img src="{urls.root}/wp-content/uploads/2015/06/ddwan51.gif" alt="Click Here To Hide Tor" /></a></div>
<article class="post-listing {self.article_class(post)}" id="the-post">
{thumb}<div class="post-inner">
<h1 class="name post-title entry-title"><span itemprop="name">{esc(post.title)}</span></h1>
{self.meta(post)}
<div class="clear"></div>
<div class="entry">
{body_html(post.blocks, self.style)}
</div>
<span style="display:none" class="updated">{post.published:%Y-%m-%d}</span>
<div style="display:none" class="vcard author" itemprop="author" itemscope itemtype="http://schema.org/Person"><strong class="fn" itemprop="name">{vcard}</strong></div>
{share}
<div class="clear"></div>
</div>
</article>
{f'<p class="post-tag">Tagged with: {tags}</p>' if tags else ""}
<div class="e3lan e3lan-below_post"><ins class="adsbygoogle" data-ad-client="ca-pub-0000000000000000"></ins></div>
{bio}
<div class="post-navigation">{nav}</div>
<section id="related_posts"><div class="block-head"><h3>Related Articles</h3><div class="stripe-line"></div></div><div class="post-listing">{related}</div></section>
{sahifa_comments(urls, post)}"""

    def item(self, p: Post) -> str:
        return f"""<article class="item-list">
<h2 class="post-box-title"><a href="{attr(p.url)}">{esc(p.title)}</a></h2>
{self.meta(p, with_cats=False)}
<div class="entry"><p>{self.excerpt(p)}</p><a class="more-link" href="{attr(p.url)}">Read More &raquo;</a></div>
<div class="clear"></div>
</article>
"""

    def listing_main(self, listing: Listing) -> str:
        items = self.items(listing.posts)
        head = ""
        if listing.kind != "home":
            prefix = {"category": "Category Archives: ", "tag": "Tag Archives: ", "author": "Author Archives: "}
            feed = (f'<a class="rss-cat-icon tooltip" title="Feed Subscription" href="{attr(listing.feed)}">'
                    f'<i class="fa fa-rss"></i></a>' if listing.feed else "")
            head = (f'{self.crumbs(("", esc(listing.label)))}\n<div class="page-head"><h1 class="page-title">'
                    f'{prefix.get(listing.kind, "Daily Archives: ")}<span>{esc(listing.label)}</span></h1>'
                    f'{feed}<div class="stripe-line"></div></div>\n')
        pages = "".join('<span class="extend">...</span>' if n is None else
                        f'<span class="current">{n}</span>' if n == listing.page else
                        f'<a href="{attr(listing.page_urls[n - 1])}" class="page" title="{n}">{n}</a>'
                        for n in page_numbers(listing.page, listing.pages))
        nxt = (f'<span id="tie-next-page"><a href="{attr(listing.next_url)}">&raquo;</a></span>'
               if listing.next_url else "")
        return (f'{head}<div class="post-listing archive-box">\n{items}</div>\n<div class="pagination">'
                f'<span class="pages">Page {listing.page} of {listing.pages}</span>{pages}{nxt}</div>')

    def _singular(self, obj_id: int, classes: str, title: str, entry: str) -> str:
        return (f'{self.crumbs(("", esc(title)))}\n<article class="post-listing post-{obj_id} {classes}" '
                f'id="the-post"><div class="post-inner"><h1 class="name post-title entry-title"><span '
                f'itemprop="name">{esc(title)}</span></h1><p class="post-meta"></p><div class="clear">'
                f'</div><div class="entry">{entry}</div></div></article>')

    def page_main(self, page: Page) -> str:
        return self._singular(page.id, "page type-page status-publish hentry", page.title,
                              body_html(page.blocks, self.style))

    def attachment_main(self, att: Attachment) -> str:
        entry = (f'<p class="attachment"><a href="{attr(att.image.full)}"><img src="{attr(att.image.real)}" '
                 f'alt="" /></a></p><p>Published in <a href="{attr(att.parent.url)}">{esc(att.parent.title)}</a></p>')
        return self._singular(att.id, "attachment type-attachment status-inherit hentry", att.image.name, entry)

    def not_found_main(self) -> str:
        return (f'<div class="post-listing"><div class="post-inner"><h1 class="post-title">Not Found</h1>'
                f'<div class="clear"></div><div class="entry"><p>Apologies, but the page you requested '
                f"could not be found. Perhaps searching will help.</p>{self.w.search_form('s404')}</div></div></div>")
