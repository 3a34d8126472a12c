"""Print the theme x field table of the real-WordPress renderings (Markdown, for the README).

    .venv/bin/python -m scripts.wordpress.table

A cell is ``right/shown``: of the posts whose single page shows the field (``themes.json``), how
many the parser gets right (the comparison of ``tests/pages/test_wordpress_themes.py``); ``-``
when the theme shows it on no post. A ``!N`` suffix counts posts where the theme does not show the
field and the parser still returns something other than nothing or the gold (a wrong value).
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.pages.test_wordpress_themes import (  # noqa: E402
    FIELDS,
    THEMES,
    field_ok,
    gold,
    parsed,
    shown,
)


def cell(theme: str, field: str) -> str:
    showing = right = wrong_hidden = 0
    for row in gold()["posts"]:
        how = shown()[theme][str(row["post_id"])].get(field)
        ok = field_ok(field, parsed(theme, f"post-{row['post_id']}")[1][field], row, how)
        if how:
            showing += 1
            right += ok
        elif not ok:
            wrong_hidden += 1
    text = f"{right}/{showing}" if showing else "-"
    return text + (f" !{wrong_hidden}" if wrong_hidden else "")


def table() -> str:
    lines = ["| theme | " + " | ".join(FIELDS) + " |", "|---" * (len(FIELDS) + 1) + "|"]
    for theme in THEMES:
        lines.append(f"| {theme} | " + " | ".join(cell(theme, f) for f in FIELDS) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table())
