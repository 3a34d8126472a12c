"""Plain text of body blocks, by the ``content_text`` contract of the project brief."""

from __future__ import annotations

from .model import Block, Inline


def inline_text(runs: list[Inline]) -> str:
    """Whitespace collapsed per line, ``<br>`` as a newline (the content_text contract)."""
    raw = "".join("\n" if run[0] == "br" else run[-1] for run in runs)
    return "\n".join(" ".join(line.split()) for line in raw.split("\n")).strip()


def paragraphs(blocks: list[Block]) -> list[str]:
    """One paragraph per p, h2, li, blockquote>p and caption, in order; empty ones skipped."""
    found: list[str] = []
    for block in blocks:
        if block.kind == "ul":
            found += [inline_text(item) for item in block.items]
        elif block.kind == "figure":
            found.append(" ".join(block.image.caption.split()) if block.image else "")
        else:
            found.append(inline_text(block.inlines))
    return [p for p in found if p]


def excerpt(blocks: list[Block], words: int = 20) -> str:
    """The first words of the body, as ``the_excerpt()`` cuts them (plain text)."""
    found = " ".join(paragraphs(blocks)).split()
    return " ".join(found[:words]) + (" [\u2026]" if len(found) > words else "")
