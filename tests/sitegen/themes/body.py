"""Post bodies as each editor era wrote them: block editor markup (``classic`` and ``block``
themes) or the classic editor's (``sahifa``: ``wp-caption`` divs, bare ``<img>`` in ``<p>``)."""

from __future__ import annotations

from ..bodies import LAZY_PLACEHOLDER
from ..model import Block, Image, Inline
from .html import attr, esc


def inline_html(runs: list[Inline], br: str = "<br>") -> str:
    out = []
    for run in runs:
        kind = run[0]
        if kind == "t":
            out.append(esc(run[1]))
        elif kind == "a":
            out.append(f'<a href="{attr(run[1])}">{esc(run[2])}</a>')
        elif kind == "br":
            out.append(br)
        else:
            out.append(f"<{kind}>{esc(run[1])}</{kind}>")
    return "".join(out)


def _img(image: Image, classes: str, closing: str) -> str:
    if image.lazy:
        return (f'<img src="{LAZY_PLACEHOLDER}" data-src="{attr(image.real)}" alt="" width="1024" '
                f'height="683" class="lazyload {classes}"{closing}>')
    srcset = f"{image.real} 1024w, {image.full[:-4]}-300x200.jpg 300w"
    return (f'<img decoding="async" width="1024" height="683" src="{attr(image.src)}" alt="" '
            f'class="{classes}" srcset="{attr(srcset)}" sizes="(max-width: 1024px) 100vw, 1024px"'
            f'{closing}>')


def _linked(image: Image, img: str) -> str:
    return f'<a href="{attr(image.href)}">{img}</a>' if image.href else img


_CLASSES = {"h2": "wp-block-heading", "ul": "wp-block-list", "quote": "wp-block-quote"}


def block_html(block: Block, style: str) -> str:
    """One block; ``style`` is ``gutenberg`` or ``classic-editor``."""
    gutenberg = style == "gutenberg"
    br = "<br>" if gutenberg else "<br />"
    if block.kind == "p":
        return f"<p>{inline_html(block.inlines, br)}</p>"
    if block.kind in _CLASSES:
        cls = f' class="{_CLASSES[block.kind]}"' if gutenberg else ""
        if block.kind == "h2":
            return f"<h2{cls}>{inline_html(block.inlines)}</h2>"
        if block.kind == "ul":
            items = "".join(f"<li>{inline_html(item, br)}</li>" for item in block.items)
            return f"<ul{cls}>{items}</ul>"
        return f"<blockquote{cls}><p>{inline_html(block.inlines, br)}</p></blockquote>"
    assert block.image is not None
    return _figure(block.image, gutenberg)


def _figure(image: Image, gutenberg: bool) -> str:
    if gutenberg:
        img = _linked(image, _img(image, f"wp-image-{image.id}", ""))
        caption = f'<figcaption class="wp-element-caption">{esc(image.caption)}</figcaption>' \
            if image.caption else ""
        return f'<figure class="wp-block-image size-large">{img}{caption}</figure>'
    img = _linked(image, _img(image, f"aligncenter size-large wp-image-{image.id}", " /"))
    if not image.caption:
        return f"<p>{img}</p>"
    return (f'<div id="attachment_{image.id}" style="width: 1034px" class="wp-caption aligncenter">'
            f'{img}<p class="wp-caption-text">{esc(image.caption)}</p></div>')


def body_html(blocks: list[Block], style: str) -> str:
    """The body's inner HTML, one block per line, as ``the_content`` prints it."""
    return "\n".join(block_html(b, style) for b in blocks)
