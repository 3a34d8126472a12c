"""Core WordPress widgets (inner markup only; each theme wraps them its own way).

Rendered once per site: every page of a site shows the same sidebar, as a cached page would.
"""

from __future__ import annotations

import calendar
from functools import cached_property

from ..listings import in_category
from ..model import Post, SiteModel, Term
from ..urls import Urls
from .html import MONTHS, attr, esc, esc_title


class Widgets:
    """Inner HTML of the sidebar widgets of one site."""

    def __init__(self, model: SiteModel, urls: Urls) -> None:
        self.model, self.urls = model, urls
        self.posts = model.linked_posts

    def search_form(self, form_id: str = "searchform", popular: bool = True) -> str:
        """The search form, with links to popular searches (``?s=...``) unless told not to."""
        root = self.urls.home()
        links = ", ".join(f'<a href="{attr(self.urls.search(q))}">{q}</a>'
                          for q in ("alphabay", "tor browser", "pgp"))
        searches = f'<p class="popular-searches">Popular searches: {links}</p>' if popular else ""
        return (f'<form role="search" method="get" id="{form_id}" class="search-form" '
                f'action="{root}"><label><span class="screen-reader-text">Search for:</span>'
                f'<input type="search" class="search-field" placeholder="Search &hellip;" value="" '
                f'name="s" /></label><input type="submit" class="search-submit" value="Search" />'
                f"</form>{searches}")

    def link_to(self, post: Post, k: int) -> str:
        """Cached widgets were built under another scheme or host: some links show it."""
        return self.urls.variant(post.url, k) if k in (1, 2) else post.url

    @cached_property
    def recent_posts(self) -> str:
        items = "".join(f'<li><a href="{attr(self.link_to(p, k))}">{esc(p.title)}</a></li>'
                        for k, p in enumerate(self.posts[:4]))
        return f"<ul>{items}</ul>"

    @cached_property
    def recent_comments(self) -> str:
        found = [(c, p) for p in self.posts[:20] for c in p.comments][-4:]
        items = []
        for comment, post in reversed(found):
            who = esc(comment.author)
            if comment.url:
                who = (f'<a href="{attr(comment.url)}" class="url" rel="ugc external nofollow">'
                       f"{who}</a>")
            items.append(f'<li class="recentcomments"><span class="comment-author-link">{who}'
                         f'</span> on <a href="{attr(post.url)}#comment-{comment.id}">'
                         f"{esc(post.title)}</a></li>")
        return f'<ul id="recentcomments">{"".join(items)}</ul>'

    @cached_property
    def months(self) -> list[tuple[int, int]]:
        return list(dict.fromkeys((p.published.year, p.published.month) for p in self.posts))

    @cached_property
    def archives(self) -> str:
        items = "".join(f'<li><a href="{self.urls.date(y, m)}">{MONTHS[m - 1]} {y}</a></li>'
                        for y, m in self.months)
        return f"<ul>{items}</ul>"

    @cached_property
    def categories(self) -> str:
        """Categories with post counts, children nested, empty ones left out."""
        def item(term: Term) -> str:
            count = sum(in_category(p, term) for p in self.posts)
            kids = "".join(item(t) for t in self.model.categories if t.parent is term)
            nested = f'<ul class="children">{kids}</ul>' if kids else ""
            return (f'<li class="cat-item cat-item-{term.id}"><a href="{self.urls.category(term)}">'
                    f"{esc(term.name)}</a> ({count}){nested}</li>")
        tops = [t for t in self.model.categories
                if t.parent is None and any(in_category(p, t) for p in self.posts)]
        return f'<ul>{"".join(item(t) for t in tops)}</ul>'

    @cached_property
    def tag_cloud(self) -> str:
        links = []
        for tag in self.model.tags:
            count = sum(tag in p.tags for p in self.posts)
            if count:
                size = 8 + min(14, count * 2)
                links.append(f'<a href="{attr(self.urls.tag(tag))}" class="tag-cloud-link '
                             f'tag-link-{tag.id}" style="font-size: {size}pt;">'
                             f"{esc(tag.name)}</a>")
        return f'<div class="tagcloud">{" ".join(links)}</div>'

    @cached_property
    def calendar(self) -> str:
        """The month of the newest post, days linked, and a link to the month before."""
        if not self.posts:
            return ""
        year, month = self.months[0]
        days = {p.published.day for p in self.posts
                if (p.published.year, p.published.month) == (year, month)}
        rows = []
        for week in calendar.Calendar(firstweekday=0).monthdayscalendar(year, month):
            cells = [f'<td><a href="{self.urls.date(year, month, d)}">{d}</a></td>' if d in days
                     else f"<td>{d or '&nbsp;'}</td>" for d in week]
            rows.append(f"<tr>{''.join(cells)}</tr>")
        prev = ""
        if len(self.months) > 1:
            py, pm = self.months[1]
            prev = f'<a href="{self.urls.date(py, pm)}">&laquo; {MONTHS[pm - 1][:3]}</a>'
        head = "".join(f'<th scope="col">{d[0]}</th>' for d in calendar.day_name)
        return (f'<div id="calendar_wrap" class="calendar_wrap"><table id="wp-calendar" '
                f'class="wp-calendar-table"><caption>{MONTHS[month - 1]} {year}</caption>'
                f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
                f'<nav aria-label="Previous and next months" class="wp-calendar-nav">'
                f'<span class="wp-calendar-nav-prev">{prev}</span><span class="pad">&nbsp;</span>'
                f'<span class="wp-calendar-nav-next">&nbsp;</span></nav></div>')

    @cached_property
    def meta(self) -> str:
        """The core Meta widget (plus the admin and REST links a cached logged-in page shows)."""
        root = self.urls.root
        links = [(f"{root}/wp-login.php", "Log in"), (self.urls.feed(), "Entries feed"),
                 (self.urls.feed("comments"), "Comments feed"),
                 ("https://wordpress.org/", "WordPress.org"), (f"{root}/wp-admin/", "Dashboard"),
                 (self.urls.rest("wp/v2/posts"), "JSON API")]
        items = "".join(f'<li><a href="{attr(url)}">{label}</a></li>' for url, label in links)
        return f"<ul>{items}</ul>"

    @cached_property
    def pages_menu(self) -> list[tuple[str, str]]:
        """(url, label) of the nav menu: home (written the sloppy way), pages, categories."""
        cats = [t for t in self.model.categories[1:4] if t.parent is None]
        return ([(self.urls.variant(self.urls.home(), 0), "Home")]
                + [(p.url, esc_title(p.title)) for p in self.model.pages]
                + [(self.urls.category(t), esc_title(t.name)) for t in cats])
