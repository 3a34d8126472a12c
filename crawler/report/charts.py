"""The report's charts, each drawn from figures already aggregated (a few hundred values at
most, whatever the size of the site), so each renders in a few tens of milliseconds."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from crawler.report.months import (
    NO_EVIDENCE,
    NO_KNOWN_GAP,
    NOT_CAPTURED,
    PARTIAL,
    PUBLISHED_NOTHING,
    month_range,
)
from crawler.report.svg import (
    BLUE,
    GREEN,
    GREY,
    LIGHT,
    ORANGE,
    RED,
    SERIES,
    empty,
    figure,
    month_ticks,
    to_svg,
)

_SHADES = {NOT_CAPTURED: (RED, 0.22, None), PUBLISHED_NOTHING: (LIGHT, 0.6, None),
           NO_EVIDENCE: ("none", 1.0, "////")}
_LABELS = {NO_KNOWN_GAP: "posts we have", PARTIAL: "posts we have (site says more)",
           NOT_CAPTURED: "site published, we have no capture",
           PUBLISHED_NOTHING: "site published nothing", NO_EVIDENCE: "no evidence either way"}


def months_chart(rows: Sequence[Mapping[str, Any]]) -> str:
    title = "Posts per month (by publication date)"
    if not rows:
        return empty(title, "no post has a publication date")
    with figure(9.0, 3.2) as (fig, ax):
        for i, row in enumerate(rows):
            shade = _SHADES.get(row["status"])
            if shade is not None:
                ax.axvspan(i - 0.5, i + 0.5, facecolor=shade[0], alpha=shade[1], hatch=shade[2],
                           edgecolor=LIGHT, linewidth=0)
        colors = [ORANGE if r["status"] == PARTIAL else BLUE for r in rows]
        ax.bar(range(len(rows)), [r["posts"] for r in rows], color=colors, width=0.8)
        said = [(i, r["site_low"], r["site_high"]) for i, r in enumerate(rows)
                if r["site_low"] is not None]
        for i, low, high in said:
            ax.hlines([low, high or low], i - 0.42, i + 0.42, color="black", linewidth=1)
        month_ticks(ax, [r["month"] for r in rows])
        ax.set_title(title)
        ax.set_ylabel("posts")
        present = {r["status"] for r in rows}
        handles: list[Any] = [_patch(s) for s in _LABELS if s in present]
        if said:
            handles.append(Line2D([], [], color="black", linewidth=1, label="site says"))
        fig.legend(handles=handles, loc="outside lower left", ncols=3)
        return to_svg(fig, title)


def _patch(status: str) -> Patch:
    if status in _SHADES:
        color, alpha, hatch = _SHADES[status]
        return Patch(facecolor=color, alpha=alpha, hatch=hatch, edgecolor=LIGHT,
                     label=_LABELS[status])
    return Patch(color=ORANGE if status == PARTIAL else BLUE, label=_LABELS[status])


def captures_chart(by_month: Sequence[Mapping[str, Any]], life: Mapping[str, Any]) -> str:
    title = "Captures per month, and the site's life"
    if not by_month:
        return empty(title, "no capture with a capture time (a mirror, or no coverage record)")
    series: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in by_month:
        series[_series(row)][row["month"]] += row["captures"]
    marks = {k: (life.get(k) or "")[:7] for k in ("first_post", "last_real_capture",
                                                 "first_afterlife_capture")}
    months = month_range([r["month"] for r in by_month] + [m for m in marks.values() if m])
    with figure(9.0, 3.4) as (fig, ax):
        bottom = [0] * len(months)
        for k, (name, counts) in enumerate(sorted(series.items(), key=_order)):
            values = [counts.get(m, 0) for m in months]
            ax.bar(range(len(months)), values, bottom=bottom, width=0.85, label=name,
                   color=_series_color(name, k))
            bottom = [a + b for a, b in zip(bottom, values, strict=True)]
        for key, label, color in (("first_post", "first post", "black"),
                                  ("last_real_capture", "last real capture", GREEN),
                                  ("first_afterlife_capture", "first afterlife capture", RED)):
            if marks[key]:
                ax.axvline(months.index(marks[key]), color=color, linestyle="--", linewidth=1,
                           label=label)
        month_ticks(ax, months)
        ax.set_title(title)
        ax.set_ylabel("captures")
        fig.legend(loc="outside lower left", ncols=4)
        return to_svg(fig, title)


def _series(row: Mapping[str, Any]) -> str:
    if row["verdict"] == "real":
        return f"{row['source']}: {row['page']}"
    return {"afterlife": "afterlife pages", "error": "errors", "redirect": "redirects"}[
        row["verdict"]]


def _order(item: tuple[str, Any]) -> tuple[int, str]:
    name = item[0]
    rank = {"redirects": 1, "errors": 2, "afterlife pages": 3}.get(name, 0)
    return rank, name


def _series_color(name: str, k: int) -> str:
    return {"afterlife pages": RED, "errors": GREY, "redirects": LIGHT}.get(
        name, SERIES[k % len(SERIES)])


def completeness_chart(completeness: Mapping[str, Any]) -> str:
    title = "Estimated completeness: posts we have vs what the site says it had"
    rows = completeness["estimates"]
    if not rows:
        return empty(title, "no evidence in the captures of how many posts the site had")
    posts = completeness["posts"]
    # The scale fits the estimates near what we have; a far bound (the post-ID sequence
    # often is) is drawn to the edge with an arrow, its value written.
    near = [v for r in rows for v in (r["low"], r["high"]) if v and v <= 3 * max(posts, 1)]
    edge = 1.3 * max([posts, *near])
    with figure(9.0, 1.1 + 0.42 * len(rows)) as (fig, ax):
        for y, row in enumerate(rows):
            _estimate(ax, y, row["low"], row["high"], edge)
        ax.axvline(posts, color=ORANGE, linewidth=2, label=f"posts we have: {posts}")
        ax.set_yticks(range(len(rows)), [r["evidence"] for r in rows])
        ax.invert_yaxis()
        ax.set_xlim(0, edge)
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_xlabel("posts")
        ax.set_title(title)
        fig.legend(loc="outside lower right")
        return to_svg(fig, title)


def _estimate(ax: Any, y: int, low: int | None, high: int | None, edge: float) -> None:
    """One estimate: a bar from its floor to its ceiling, a light line where it has none."""
    start = low if low is not None else 0
    end = min(high, edge) if high is not None else edge
    known = low is not None and high is not None
    ax.plot([start, end], [y, y], color=BLUE, linewidth=7 if known else 3,
            solid_capstyle="butt", alpha=1.0 if known else 0.35)
    for value in (low, high):
        if value is not None:
            ax.plot([min(value, edge)], [y], marker=">" if value > edge else "D", markersize=6,
                    color=BLUE)
    if known:
        text = str(low) if low == high else f"{low}–{high}"
    else:
        text = f"≥ {low}" if low is not None else f"≤ {high}"
    anchor = min(high if high is not None else start, edge)
    ax.annotate(text, (anchor, y), xytext=(6 if anchor < edge * 0.85 else -6, 7),
                textcoords="offset points", fontsize=8,
                ha="left" if anchor < edge * 0.85 else "right")


def bars_chart(title: str, rows: Sequence[tuple[str, float]], *, percent: bool = False,
               color: str | Sequence[str] = BLUE, empty_message: str = "nothing to show") -> str:
    """Horizontal bars, first row on top: field shares, top authors, terms, reasons; *color*
    one for all, or one per row."""
    if not rows:
        return empty(title, empty_message)
    with figure(9.0, 0.8 + 0.24 * len(rows)) as (fig, ax):
        values = [v * 100 if percent else v for _, v in rows]
        ax.barh(range(len(rows)), values, color=color, height=0.7)
        for y, value in enumerate(values):
            ax.text(value, y, f" {value:.0f}%" if percent else f" {value:g}", va="center",
                    fontsize=8)
        ax.set_yticks(range(len(rows)), [_short(name) for name, _ in rows])
        ax.invert_yaxis()
        ax.set_xlim(0, 100 if percent else max(values) * 1.15 or 1)
        ax.set_title(title)
        return to_svg(fig, title)


def words_chart(words: Mapping[str, Any]) -> str:
    title = "Words per post"
    bins = words["bins"]
    if not bins:
        return empty(title, "no posts")
    with figure(9.0, 2.8) as (fig, ax):
        ax.bar([b["from"] for b in bins], [b["posts"] for b in bins],
               width=(bins[1]["from"] - bins[0]["from"]) if len(bins) > 1 else 1,
               align="edge", color=BLUE, edgecolor="white", linewidth=0.5)
        for q, label in zip(words["quartiles"], ("25%", "median", "75%"), strict=True):
            ax.axvline(q, color=ORANGE if label == "median" else GREY, linestyle="--",
                       linewidth=1, label=f"{label}: {q}")
        ax.set_xlabel("words (the last bar holds the longest 1%)")
        ax.set_ylabel("posts")
        ax.set_title(title)
        ax.legend(loc="upper right")
        return to_svg(fig, title)


def _short(name: str, limit: int = 40) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
