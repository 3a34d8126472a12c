"""Block-editor markup and post operations, as WordPress's editor saves them."""

from __future__ import annotations

from typing import Any

Op = dict[str, Any]
"""One operation for ``php/apply.php``."""


def block(name: str, html: str, attrs: str = "") -> str:
    attrs = f" {attrs}" if attrs else ""
    return f"<!-- wp:{name}{attrs} -->\n{html}\n<!-- /wp:{name} -->"


def paragraph(text: str) -> str:
    return block("paragraph", f"<p>{text}</p>")


def figure(key: str, caption: str, alt: str) -> str:
    return block("image", f'<figure class="wp-block-image size-large"><img src="{{src:{key}}}" '
                  f'alt="{alt}" class="wp-image-{{id:{key}}}"/>'
                  f'<figcaption class="wp-element-caption">{caption}</figcaption></figure>',
                  f'{{"id":{{id:{key}}},"sizeSlug":"large","linkDestination":"none"}}')


def gallery(keys: list[str]) -> str:
    inner = "\n\n".join(block(
        "image", f'<figure class="wp-block-image size-large"><img src="{{src:{k}}}" alt="" '
        f'class="wp-image-{{id:{k}}}"/></figure>',
        f'{{"id":{{id:{k}}},"sizeSlug":"large","linkDestination":"none"}}') for k in keys)
    return block("gallery", '<figure class="wp-block-gallery has-nested-images columns-default '
                  f'is-cropped">{inner}<figcaption class="blocks-gallery-caption '
                  'wp-element-caption">Nets, buoys and rope on the quay.</figcaption></figure>',
                  '{"linkTo":"none"}')


def post(key: str, title: str, slug: str, author: str, date: str, content: str,
          **extra: Any) -> Op:
    return {"op": "post", "key": key, "title": title, "slug": slug, "author": author,
            "date": date, "content": content, **extra}
