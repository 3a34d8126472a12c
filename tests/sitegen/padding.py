"""Filler that makes pages as heavy as real ones: inline CSS in the head and inline script
before ``</body>``, like the theme-options CSS and plugin settings real WordPress pages carry."""

from __future__ import annotations

from functools import cache

_CSS_CHUNK = 0.6  # share of the padding that goes to CSS; the rest is script


@cache
def _css_text() -> str:
    lines = []
    for i in range(4000):
        colour = f"{(i * 2654435761) % 0xFFFFFF:06x}"
        lines.append(f"#main-nav ul li.menu-item-{i} a, .widget-container .cat-item-{i} > a:hover "
                     f"{{color: #{colour}; padding: {i % 9}px {i % 13}px; "
                     f"border-bottom: 1px solid #{colour[::-1]};}}")
    return "\n".join(lines) + "\n"


@cache
def _js_text() -> str:
    lines = []
    for i in range(4000):
        nonce = f"{(i * 40503) % 0xFFFFFFFF:08x}"
        lines.append(f'var tie_widget_{i} = {{"ajaxurl":"\\/wp-admin\\/admin-ajax.php",'
                     f'"nonce":"{nonce}","is_singular":"1","lazyload":"{i % 2}",'
                     f'"slider_speed":"{i % 7 * 1000}"}};')
    return "\n".join(lines) + "\n"


def _cut(text: str, size: int) -> str:
    """The first whole lines of ``text`` within ``size`` characters (ASCII only)."""
    size = min(size, len(text))
    return text[: text.rfind("\n", 0, size) + 1] if size > 0 else ""


def pad(html: bytes, target_bytes: int) -> bytes:
    """``html`` (UTF-8) grown to about ``target_bytes``, never shrunk."""
    missing = target_bytes - len(html) - 120
    if missing <= 0:
        return html
    css = _cut(_css_text(), int(missing * _CSS_CHUNK))
    js = _cut(_js_text(), missing - len(css))
    style = f'<style type="text/css" media="screen">\n{css}</style>\n</head>'.encode()
    script = (f"<script type='text/javascript'>\n/* <![CDATA[ */\n{js}/* ]]> */\n</script>\n"
              "</body>").encode()
    return html.replace(b"</head>", style, 1).replace(b"</body>", script, 1)
