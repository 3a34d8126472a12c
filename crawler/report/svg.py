"""matplotlib figures as inline SVG: no pyplot (no global state, no GUI backend), text kept as
text (small, selectable, drawn in the reader's fonts), no date or random IDs (the same figures
give the same bytes)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure

STYLE: dict[Any, Any] = {  # rcParams (matplotlib types the keys as literals)
    "svg.fonttype": "none",
    "svg.hashsalt": "archive-crawler-report",
    "font.family": "sans-serif",
    "font.size": 9.0,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 10.0,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "legend.frameon": False,
    "legend.fontsize": 8.0,
}
BLUE, ORANGE, RED, GREY, LIGHT, GREEN = \
    "#4C78A8", "#F58518", "#E45756", "#9D9D9D", "#D9D9D9", "#54A24B"
SERIES = ("#4C78A8", "#72B7B2", "#54A24B", "#B279A2", "#FF9DA6", "#9D755D", "#EECA3B")
_SIZE_ATTRS = re.compile(r'\s(?:width|height)="[^"]*"')


@contextmanager
def figure(width: float = 9.0, height: float = 3.0) -> Iterator[tuple[Figure, Axes]]:
    """A figure with one axes, in the report's style."""
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(width, height), layout="constrained")
        yield fig, fig.add_subplot()


def to_svg(fig: Figure, label: str) -> str:
    """The figure as an ``<svg>`` element that scales to its container's width."""
    with matplotlib.rc_context(STYLE):
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    svg = text[text.index("<svg"):]
    head, rest = svg.split(">", 1)
    head = _SIZE_ATTRS.sub("", head, count=2)
    return f'{head} role="img" aria-label="{_attr(label)}">{rest}'


def empty(text: str, message: str) -> str:
    """A small chart saying there is nothing to draw, rather than no chart."""
    with figure(9.0, 1.2) as (fig, ax):
        ax.set_axis_off()
        ax.set_title(text)
        ax.text(0.5, 0.4, message, ha="center", va="center", color=GREY, transform=ax.transAxes)
        return to_svg(fig, f"{text}: {message}")


def month_ticks(ax: Axes, months: Sequence[str]) -> None:
    """Label months on a bar axis: each one when they are few, else the Januaries (years)."""
    if len(months) <= 18:
        ticks = list(range(len(months)))
        labels = [f"{_MONTHS[int(m[5:7]) - 1]}\n{m[:4]}" if i == 0 or m[5:7] == "01"
                  else _MONTHS[int(m[5:7]) - 1] for i, m in zip(ticks, months, strict=True)]
    else:
        ticks = [i for i, m in enumerate(months) if m[5:7] == "01" or i == 0]
        step = max(1, len(ticks) // 12)
        ticks = ticks[::step]
        labels = [months[i][:4] for i in ticks]
    ax.set_xticks(ticks, labels)
    ax.set_xlim(-0.6, len(months) - 0.4)


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
