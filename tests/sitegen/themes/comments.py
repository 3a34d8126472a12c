"""Comment threads as Twenty Twenty-One, Twenty Twenty-Three and Sahifa print them."""

# ruff: noqa: E501 -- markup templates: a source line is a run of served HTML, kept whole to read like the page.

from __future__ import annotations

import hashlib
from collections.abc import Callable

from ..model import Comment, Post, count_comments
from ..urls import Urls
from .html import attr, clock, esc, iso, long_date


def _avatar(name: str, size: int) -> str:
    digest = hashlib.md5(name.encode()).hexdigest()
    return (f"<img alt='' src='https://secure.gravatar.com/avatar/{digest}?s={size}&#038;d=mm&#038;r=g' "
            f"class='avatar avatar-{size} photo' height='{size}' width='{size}' />")


def _who(comment: Comment, rel: str = "ugc external nofollow") -> str:
    if not comment.url:
        return esc(comment.author)
    return f"<a href='{attr(comment.url)}' class='url' rel='{rel}'>{esc(comment.author)}</a>"


def _stamp(comment: Comment) -> str:
    return f"{long_date(comment.date)} at {clock(comment.date)}"


def _reply(urls: Urls, post: Post, comment: Comment) -> str:
    return (f"<a rel='nofollow' class='comment-reply-link' href='{attr(urls.reply(post.url, comment.id))}' "
            f"data-commentid=\"{comment.id}\" data-postid=\"{post.id}\" "
            f"aria-label='Reply to {attr(comment.author)}'>Reply</a>")


def respond_form(urls: Urls, post: Post, extra_class: str = "") -> str:
    path = post.url[len(urls.root):]
    return (f'<div id="respond" class="comment-respond{extra_class}"><h3 id="reply-title" '
            f'class="comment-reply-title">Leave a Reply <small><a rel="nofollow" '
            f'id="cancel-comment-reply-link" href="{attr(path)}#respond" style="display:none;">'
            f'Cancel reply</a></small></h3><form action="{urls.root}/wp-comments-post.php" '
            f'method="post" id="commentform" class="comment-form"><p class="comment-notes">Your '
            f'email address will not be published.</p><p class="comment-form-comment"><label '
            f'for="comment">Comment</label><textarea id="comment" name="comment" cols="45" rows="8" '
            f'required="required"></textarea></p><p class="form-submit"><input name="submit" '
            f'type="submit" id="submit" class="submit" value="Post Comment" /><input type="hidden" '
            f'name="comment_post_ID" value="{post.id}" id="comment_post_ID" /><input type="hidden" '
            f'name="comment_parent" id="comment_parent" value="0" /></p></form></div>')


def comment_nav(urls: Urls, post: Post, cls: str) -> str:
    if not post.comment_pages:
        return ""
    return (f'<nav class="navigation comment-navigation {cls}" aria-label="Comments"><div '
            f'class="nav-links"><div class="nav-next"><a href="{attr(urls.comment_page(post.url, 2))}">'
            f"Newer Comments</a></div></div></nav>")


Item = Callable[[Comment, str, "Comment | None", str], str]


def _thread(comments: list[Comment], item: Item, tag: str = "ol", depth: int = 1,
            parent: Comment | None = None) -> str:
    """Items in order, replies nested in ``<ol class="children">`` (``<ul>`` in Sahifa)."""
    out = []
    for k, comment in enumerate(comments):
        parity = "even" if k % 2 == 0 else "odd alt"
        kids = (f'<{tag} class="children">{_thread(comment.children, item, tag, depth + 1, comment)}'
                f"</{tag}>" if comment.children else "")
        out.append(item(comment, f"{parity} depth-{depth}", parent, kids))
    return "\n".join(out)


def classic_comments(urls: Urls, post: Post) -> str:
    """Twenty Twenty-One: ``h2.comments-title`` and ``ol.comment-list`` of ``article``s."""
    def item(c: Comment, cls: str, parent: Comment | None, kids: str) -> str:
        return (f'<li id="comment-{c.id}" class="comment {cls}"><article id="div-comment-{c.id}" '
                f'class="comment-body"><footer class="comment-meta"><div class="comment-author vcard">'
                f'{_avatar(c.author, 60)}<b class="fn">{_who(c)}</b> <span class="says">says:</span>'
                f'</div><div class="comment-metadata"><a href="{attr(post.url)}#comment-{c.id}"><time '
                f'datetime="{iso(c.date)}">{_stamp(c)}</time></a></div></footer><div class="comment-'
                f'content"><p>{esc(c.text)}</p></div><div class="reply">{_reply(urls, post, c)}</div>'
                f"</article>{kids}</li>")
    n = count_comments(post.comments)
    heading = listing = ""
    if n:
        heading = f'<h2 class="comments-title">{n} comment{"s" if n > 1 else ""}</h2>'
        listing = f'<ol class="comment-list">{_thread(post.comments, item)}</ol>'
    return (f'<div id="comments" class="comments-area default-max-width show-avatars">{heading}'
            f'{listing}{comment_nav(urls, post, "")}{respond_form(urls, post)}</div>')


def block_comments(urls: Urls, post: Post) -> str:
    """Twenty Twenty-Three: the ``core/comments`` block with its comment template."""
    def item(c: Comment, cls: str, parent: Comment | None, kids: str) -> str:
        return (f'<li id="comment-{c.id}" class="comment {cls}"><div class="wp-block-group">'
                f'<div class="wp-block-comment-author-name">{_who(c, "external nofollow ugc")}</div>'
                f'<div class="wp-block-comment-date"><time datetime="{iso(c.date)}"><a href="'
                f'{attr(post.url)}#comment-{c.id}">{_stamp(c)}</a></time></div><div class="wp-block-'
                f'comment-content"><p>{esc(c.text)}</p></div><div class="wp-block-comment-reply-link">'
                f"{_reply(urls, post, c)}</div></div>{kids}</li>")
    n = count_comments(post.comments)
    inner = ""
    if n:
        what = "One response" if n == 1 else f"{n} responses"
        inner = (f'<h2 class="wp-block-comments-title">{what} to &#8220;{esc(post.title)}&#8221;</h2>'
                 f'<ol class="wp-block-comment-template">{_thread(post.comments, item)}</ol>')
    return (f'<div class="wp-block-comments">{inner}{comment_nav(urls, post, "wp-block-comments-pagination")}'
            f'{respond_form(urls, post, " wp-block-post-comments-form")}</div>')


def sahifa_comments(urls: Urls, post: Post) -> str:
    """Sahifa: ``h3#comments-title`` and ``ol.commentlist`` of bare ``li`` wrapping a div."""
    def item(c: Comment, cls: str, parent: Comment | None, kids: str) -> str:
        reply_to = (f' In reply to <a href="{attr(post.url)}#comment-{parent.id}">{esc(parent.author)}</a>. '
                    if parent else "")
        return (f'<li id="comment-{c.id}">\n<div class="comment {cls} comment-wrap">\n<div class="'
                f'comment-avatar">{_avatar(c.author, 45)}</div>\n<div class="author-comment">\n<cite '
                f'class="fn">{_who(c, "external nofollow")}</cite> <div class="comment-meta '
                f'commentmetadata"><a href="{attr(post.url)}#comment-{c.id}"> {_stamp(c)}</a>'
                f'{reply_to}</div>\n</div>\n<div class="clear"></div>\n<div class="comment-content">\n'
                f'<p>{esc(c.text)}</p>\n</div>\n<div class="reply">{_reply(urls, post, c)}</div>\n</div>\n'
                f"{kids}</li>")
    n = count_comments(post.comments)
    inner = ""
    if n:
        inner = (f'<h3 id="comments-title">\n{n} comment{"s" if n > 1 else ""} </h3>\n'
                 f'<ol class="commentlist">{_thread(post.comments, item, "ul")}</ol>\n')
    return f'<div id="comments">\n{inner}{comment_nav(urls, post, "")}{respond_form(urls, post)}\n</div>'
