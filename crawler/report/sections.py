"""The sections of one site's report, as HTML: a chart where a person would rather look than
read, a table where they would rather read (every value escaped)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from html import escape
from typing import Any

from crawler.report import charts
from crawler.report.missing import NOT_A_POST, REASONS, REDIRECTED
from crawler.report.months import NO_KNOWN_GAP
from crawler.report.svg import GREY, RED

LISTING_ROWS = 100


def site_sections(f: Mapping[str, Any]) -> Iterator[str]:
    """Every section but the missing URLs' table and the runs (streamed after)."""
    yield _header(f)
    yield _h2("posts-per-month", "Posts per month")
    yield _chart("months", charts.months_chart(f["months"]),
                 "Bars: the posts we have, by the month of their publication date. Behind them: "
                 "months the site itself lists but we have no post of (red), months its own "
                 "list of months skips (grey: it published nothing), months with no evidence "
                 "(hatched). Black marks: how many posts the site said it had.")
    yield _month_table(f["months"])
    yield _h2("captures", "Captures and the site's life")
    yield _chart("captures", charts.captures_chart(f["captures"]["by_month"], f["life"]),
                 "Every capture the crawls fetched or passed over, by month of capture: pages of "
                 "the site by archive and kind, afterlife pages (banners, parking pages, "
                 "soft-404s...), errors.")
    yield _life(f["life"], f["captures"]["undated"])
    yield _h2("completeness", "Estimated completeness")
    yield _chart("completeness", charts.completeness_chart(f["completeness"]),
                 "Each bar is what one kind of evidence in the captures says the site had; the "
                 "orange line is what we have.")
    yield _estimates(f["completeness"]["estimates"])
    yield _listings(f["listings"])
    if f.get("missing") is not None:
        counts = f["missing"]["by_reason"]
        rows = [(r, counts[r]) for r in (*REASONS, NOT_A_POST, REDIRECTED)]
        yield _chart("missing", charts.bars_chart(
            "Post URLs known but not got, and why", rows,
            color=[RED if r in REASONS else GREY for r, _ in rows]),
            "URLs shaped like posts (linked, or listed by the archive) that gave no post: "
            "never captured, only errors, only afterlife pages; and those that turned out to "
            "be another page (a static page, an attachment) or a redirect.")
    yield _h2("fields", "Field completeness")
    yield _chart("fields", charts.bars_chart(
        "Posts with each field", [(x["field"], x["share"]) for x in f["fields"]], percent=True,
        empty_message="no posts"), "Share of posts where the field is present and not empty.")
    yield _h2("who-what", "Authors, categories, tags, length")
    for key, title in (("authors", "Top authors"), ("categories", "Top categories"),
                       ("tags", "Top tags")):
        rows = [(x["name"], x["posts"]) for x in f["top"][key][:15]]
        yield _chart(key, charts.bars_chart(title, rows, empty_message=f"no {key}"),
                     f"Posts per {key[:-1] if key != 'categories' else 'category'} (top 15).")
    yield _chart("words", charts.words_chart(f["words"]),
                 f"Mean {f['words']['mean']} words." if f["words"]["mean"] is not None else "")


def _header(f: Mapping[str, Any]) -> str:
    posts = f["posts"]["posts"]
    parts = [f"<h1>{escape(f['site'])}</h1>", f"<p class=lead><b>{posts}</b> posts"]
    head = f["completeness"]["headline"]
    if head is not None:
        share = _share_text(head["share_low"], head["share_high"])
        parts.append(f"; the site had {_range(head['low'], head['high'])} by its "
                     f"{escape(head['evidence'])}: we have <b>{share}</b>")
    if f.get("missing"):
        parts.append(f"; {f['missing']['missing']} post URLs known but not got")
    parts.append(".</p>")
    if not f["coverage_recorded"]:
        parts.append("<p class=warn>This store was written before crawls recorded what they "
                     "met: only the posts' own figures are shown. The next crawl into it "
                     "records the rest.</p>")
    return "".join(parts) + "\n"


def _share_text(low: float | None, high: float | None) -> str:
    if low is None or high is None:
        return "?"
    return f"{low:.0%}" if round(low * 100) == round(high * 100) else f"{low:.0%}–{high:.0%}"


def _range(low: int | None, high: int | None) -> str:
    return str(low) if low == high else f"{low}–{high}"


def _h2(anchor: str, title: str) -> str:
    return f'<h2 id="{anchor}">{escape(title)}</h2>\n'


def _chart(name: str, svg: str, caption: str) -> str:
    return (f'<figure class="chart" id="chart-{name}">{svg}'
            f"<figcaption>{escape(caption)}</figcaption></figure>\n")


def _table(head: Sequence[str], rows: Sequence[Sequence[Any]], numeric: int = 0) -> str:
    """A table; its last *numeric* columns right-aligned."""
    def cell(i: int, value: Any, tag: str) -> str:
        klass = " class=n" if i >= len(head) - numeric else ""
        return f"<{tag}{klass}>{escape('' if value is None else str(value))}</{tag}>"
    thead = "".join(cell(i, h, "th") for i, h in enumerate(head))
    body = "".join("<tr>" + "".join(cell(i, v, "td") for i, v in enumerate(row)) + "</tr>\n"
                   for row in rows)
    return f"<table><thead><tr>{thead}</tr></thead><tbody>\n{body}</tbody></table>\n"


def _month_table(months: Sequence[Mapping[str, Any]]) -> str:
    gaps = [m for m in months if m["status"] != NO_KNOWN_GAP]
    if not gaps:
        return ""
    rows = [(m["month"], m["status"], m["posts"], _range(m["site_low"], m["site_high"])
             if m["site_low"] is not None else "", m["missing_urls"] or "") for m in gaps]
    return (f"<details><summary>{len(gaps)} months with a gap or no evidence</summary>"
            + _table(("month", "status", "posts we have", "site says", "URLs missing"), rows, 3)
            + "</details>\n")


def _life(life: Mapping[str, Any], undated: Mapping[str, int]) -> str:
    facts = [("first post", life.get("first_post")), ("last post", life.get("last_post")),
             ("first real capture", life.get("first_real_capture")),
             ("last real capture", life.get("last_real_capture")),
             ("first afterlife capture", life.get("first_afterlife_capture"))]
    out = "<dl class=facts>" + "".join(f"<dt>{k}</dt><dd>{escape(v or '–')}</dd>"
                                        for k, v in facts) + "</dl>\n"
    if undated:
        out += ("<p class=note>Captures without a capture time (mirror files): "
                + ", ".join(f"{escape(s)} {n}" for s, n in undated.items()) + ".</p>\n")
    kinds = life.get("afterlife_kinds") or []
    if kinds:
        out += _table(("afterlife kind", "first", "last", "URLs", "captures"),
                      [(k["kind"], k["first"], k["last"], k["urls"], k["captures"])
                       for k in kinds], 2)
    pages = life.get("afterlife_pages") or []
    if pages:
        out += _table(("afterlife page", "kind", "from", "to", "URLs"),
                      [(p["title"], p["kind"], p["first"], p["last"], p["urls"]) for p in pages], 1)
    return out


def _estimates(rows: Sequence[Mapping[str, Any]]) -> str:
    if not rows:
        return ""
    return _table(("evidence", "detail", "as of", "at least", "at most"),
                  [(r["evidence"], r["detail"], r["as_of"], r["low"], r["high"]) for r in rows], 2)


def _listings(rows: Sequence[Mapping[str, Any]]) -> str:
    gaps = sorted((r for r in rows if r["have"] is not None and r["low"] is not None
                   and r["have"] < r["low"]), key=lambda r: r["have"] - r["low"])
    if not rows:
        return ""
    shown = gaps[:LISTING_ROWS]
    table = _table(("listing", "kind", "pages", "site says", "we have"),
                   [(r["listing"], r["kind"], r["pages"], _range(r["low"], r["high"]), r["have"])
                    for r in shown], 3) if shown else ""
    return (f"<details><summary>{len(rows)} listings read; {len(gaps)} hold more posts than we "
            f"have{f' (the {len(shown)} widest gaps)' if len(shown) < len(gaps) else ''}"
            f"</summary>{table}</details>\n")


def runs_section(runs: Sequence[Mapping[str, Any]]) -> str:
    if not runs:
        return ""
    rows = [(r["run"], r["started_at"], r["finished_at"], r["finish_reason"], r["archive"],
             f"{r['from'] or 'first'} – {r['to'] or 'latest'}" if r["archive"] else "",
             r["pages_fetched"], r["exported"], r["new"], r["changed"]) for r in runs]
    return (_h2("runs", "Runs") + _table(("run", "started", "finished", "finish", "archive",
                                          "window", "pages fetched", "exported", "new",
                                          "changed"), rows, 4))
