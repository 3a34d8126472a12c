"""Markup families: ``classic`` (Twenty Twenty-One), ``block`` (Twenty Twenty-Three) and
``sahifa`` (the Sahifa theme of the deepdotweb corpus)."""

from __future__ import annotations

from .base import Theme
from .block import BlockTheme
from .classic import ClassicTheme
from .sahifa import SahifaTheme

THEMES: dict[str, type[Theme]] = {
    "classic": ClassicTheme, "block": BlockTheme, "sahifa": SahifaTheme,
}

__all__ = ["THEMES", "Theme"]
