"""The report as one self-contained HTML page: inline CSS and SVG, no script, no link to fetch.

Written as a stream: the list of missing post URLs, which grows with the site, goes from the
database cursor to the file row by row (the first :data:`URL_ROWS`; ``--json`` has them all).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from html import escape
from typing import Any, TextIO

from crawler.report import sections

URL_ROWS = 10_000

CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;
 color:#222;margin:0;background:#fafafa}
main{max-width:1000px;margin:0 auto;padding:1.5em 1.2em 4em;background:#fff}
h1{font-size:1.6em;margin:.2em 0 .3em}h2{font-size:1.2em;margin:2em 0 .5em;
 border-bottom:1px solid #ddd;padding-bottom:.2em}
.lead{font-size:1.1em}.note{color:#666;font-size:.9em}
figure.chart{margin:1em 0}figure.chart svg{width:100%;height:auto;display:block}
figcaption{color:#555;font-size:.9em;margin-top:.3em}
table{border-collapse:collapse;font-size:.88em;margin:.6em 0;width:100%}
th,td{text-align:left;padding:.25em .5em;border-bottom:1px solid #eee;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dt{color:#666}dd{margin:0}
details{margin:.6em 0}summary{cursor:pointer;color:#245}
td.url{word-break:break-all}
.warn{background:#fff4e5;padding:.6em .8em;border-left:4px solid #f58518}
"""


def write_page(out: TextIO, title: str, meta: Mapping[str, str],
               sites: Iterable[tuple[Mapping[str, Any], Iterator[Mapping[str, Any]]]]) -> None:
    """The whole page: a header, then one section per site (its figures, its missing URLs)."""
    out.write(f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
              f'<meta name="viewport" content="width=device-width, initial-scale=1">'
              f"<title>{escape(title)}</title><style>{CSS}</style></head><body><main>\n")
    out.write(f"<p class=note>{' · '.join(escape(f'{k}: {v}') for k, v in meta.items())}</p>\n")
    for figures, missing in sites:
        out.write('<section class="site">\n')
        for part in sections.site_sections(figures):
            out.write(part)
        if figures.get("missing") is not None:
            write_missing(out, figures["missing"]["missing"], missing)
        out.write(sections.runs_section(figures["runs"]))
        out.write("</section>\n")
    out.write("</main></body></html>\n")


def write_missing(out: TextIO, total: int, rows: Iterator[Mapping[str, Any]]) -> None:
    """The post URLs we know of but could not get, streamed into a table."""
    if not total:
        return
    shown = min(total, URL_ROWS)
    out.write(f"<details><summary>The {total} post URLs we know of but could not get"
              f"{f' (the first {shown}; --json lists them all)' if shown < total else ''}"
              "</summary><table><thead><tr><th>URL</th><th>why</th><th>known from</th>"
              "<th class=n>captures</th></tr></thead><tbody>\n")
    for n, row in enumerate(rows):
        if n == URL_ROWS:
            break
        found = (f'a link on <a href="{escape(row["linked_from"])}">'
                 f'{escape(row["linked_from"])}</a>' if row["linked_from"]
                 else "the archive's index or files")
        captures = row["captures"] or ""
        out.write(f'<tr><td class=url><a href="{escape(row["url"])}">{escape(row["url"])}</a>'
                  f"</td><td>{escape(row['reason'])}</td><td class=url>{found}</td>"
                  f"<td class=n>{captures}</td></tr>\n")
    out.write("</tbody></table></details>\n")
