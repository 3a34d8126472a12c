"""Sahifa's page frame: top nav with the breaking-news ticker, header ad, main menu, sidebar
widgets, footer widgets and footer bar (the same on every page of a site)."""

# ruff: noqa: E501 -- markup templates: a source line is a run of served HTML, kept whole to read like the page.

from __future__ import annotations

from ..model import SiteModel
from ..urls import Urls
from .html import attr, esc
from .widgets import Widgets


def sahifa_chrome(model: SiteModel, urls: Urls, w: Widgets) -> str:
    """Header, sidebar and footer around a ``<!--MAIN-->`` slot."""
    root = urls.home()
    ticker = "".join(f'<li><a href="{attr(p.url)}">{esc(p.title)}</a></li>'
                     for p in model.linked_posts[:4])
    menu = "".join(f'<li class="menu-item"><a href="{attr(url)}">{label}</a></li>'
                   for url, label in w.pages_menu)
    widgets = [("search-2", "widget_search", "Search", w.search_form(popular=False)),
               ("recent-posts-2", "widget_recent_entries", "Recent Posts", w.recent_posts),
               ("tag_cloud-2", "widget_tag_cloud", "Tags", w.tag_cloud),
               ("categories-2", "widget_categories", "Categories", w.categories),
               ("calendar-2", "widget_calendar", "Calendar", w.calendar),
               ("archives-2", "widget_archive", "Archives", w.archives)]
    sidebar = "\n".join(f'<div id="{i}" class="widget {c}"><div class="widget-top"><h4>{t}</h4>'
                        f'<div class="stripe-line"></div></div>\n<div class="widget-container">{inner}'
                        f"</div></div><!-- .widget /-->" for i, c, t, inner in widgets)
    name = esc(model.name)
    return f"""<div class="wrapper-outer">
<div class="background-cover"></div>
<div id="wrapper" class="wide-layout"><div class="inner-wrapper">
<header id="theme-header" class="theme-header">
<div id="top-nav" class="top-nav"><div class="container">
<div class="breaking-news"><span class="breaking-news-title"><i class="fa fa-bolt"></i> <span>Breaking News</span></span>
<ul>{ticker}</ul></div>
</div></div>
<div class="header-content"><div class="logo"><h2><a title="{name}" href="{root}"><img src="{urls.root}/wp-content/themes/sahifa/images/logo.png" alt="{name}" /><strong>{name} {esc(model.tagline)}</strong></a></h2></div>
<div class="clear"></div></div>
<nav id="main-nav"><div class="container"><div class="main-menu"><ul id="menu-main" class="menu">{menu}</ul></div></div></nav>
</header>
<div id="main-content" class="container">
<div class="content">
<!--MAIN-->
</div>
<aside id="sidebar"><div class="theiaStickySidebar">
{sidebar}
</div></aside>
<div class="clear"></div>
</div>
<footer id="theme-footer"><div id="footer-widget-area" class="footer-1c">
<div id="footer-first" class="footer-widgets-box"><div id="meta-2" class="footer-widget widget_meta"><div class="footer-widget-top"><h4>Meta</h4></div><div class="footer-widget-container">{w.meta}</div></div></div>
</div></footer>
<div class="clear"></div>
<div class="footer-bottom"><div class="container"><div class="alignright">Powered by <a href="https://wordpress.org/">WordPress</a> | Designed by <a href="https://tielabs.com/">TieLabs</a></div>
<div class="alignleft">&copy; Copyright {model.posts[-1].published.year if model.posts else 2016}, All Rights Reserved</div></div></div>
</div></div></div>
<div id="topcontrol" class="fa fa-angle-up" title="Scroll To Top"></div>
<script type='text/javascript' src='{urls.root}/wp-content/themes/sahifa/js/tie-scripts.js?ver=4.9.8'></script>"""
