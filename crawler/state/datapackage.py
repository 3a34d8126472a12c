"""A Frictionless ``datapackage.json`` describing an export: the Post fields as a table schema.

Field descriptions are the docstrings of ``crawler.items.Post``, so the package says what the
code says. One ``datapackage.json`` per folder lists every export in it (one resource each).
"""

from __future__ import annotations

import ast
import hashlib
import inspect
import json
import re
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from crawler import items
from crawler.feedstorage import write_atomically
from crawler.items import LIST_FIELDS, POST_FIELDS

INTEGER_FIELDS = ("post_id", "word_count", "comment_count")
MEDIA_TYPES = {"json": "application/json", "jsonl": "application/jsonl",
               "jsonlines": "application/jsonl", "csv": "text/csv"}


@cache
def field_descriptions() -> dict[str, str]:
    """``Post`` field -> its docstring (the string literal under the field), whitespace folded."""
    tree = ast.parse(inspect.getsource(items))
    found: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == "Post":
            for field, doc in zip(node.body, node.body[1:], strict=False):
                if (isinstance(field, ast.AnnAssign) and isinstance(field.target, ast.Name)
                        and isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant)):
                    text = " ".join(str(doc.value.value).split())
                    found[field.target.id] = text.replace("``", "`")  # reST to Markdown
    return found


def table_schema(fmt: str) -> dict[str, Any]:
    """The Post columns, typed: lists are arrays in JSON, ``|``-joined strings in CSV."""
    fields = []
    for name in POST_FIELDS:
        field: dict[str, Any] = {"name": name, "type": "string",
                                 "description": field_descriptions().get(name, "")}
        if name in INTEGER_FIELDS:
            field["type"] = "integer"
        elif name in LIST_FIELDS:
            field["type"] = "string" if fmt == "csv" else "array"
            if fmt == "csv":
                field["description"] += " In CSV: the values joined with '|'."
        elif name in ("published", "modified", "captured_at"):
            field["description"] += " (ISO 8601 text: a date, or a date and time.)"
        if name in ("site", "url"):
            field["constraints"] = {"required": True}
        fields.append(field)
    return {"fields": fields, "missingValues": [""]}


def resource(output: Path, fmt: str) -> dict[str, Any]:
    data = output.read_bytes()
    entry: dict[str, Any] = {
        "name": re.sub(r"[^a-z0-9._-]+", "-", output.stem.lower()).strip("-") or "posts",
        "path": output.name, "profile": "tabular-data-resource",
        "format": "jsonl" if fmt == "jsonlines" else fmt, "mediatype": MEDIA_TYPES[fmt],
        "encoding": "utf-8", "bytes": len(data),
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(), "schema": table_schema(fmt)}
    if fmt == "csv":
        entry["dialect"] = {"delimiter": ",", "quoteChar": '"', "header": True}
    return entry


def write_datapackage(output: Path, fmt: str, sites: list[str]) -> Path:
    """Add (or refresh) *output*'s resource in the ``datapackage.json`` beside it."""
    package_path = output.parent / "datapackage.json"
    package = _load(package_path)
    mine = resource(output, fmt)
    others = [r for r in package.get("resources", [])
              if r.get("path") != mine["path"] and (output.parent / str(r.get("path"))).exists()]
    known_sites = {s.get("path") for s in package.get("sources", []) if isinstance(s, dict)}
    package.update({
        "profile": "tabular-data-package",
        "name": package.get("name") or "archive-crawler-posts",
        "title": package.get("title") or "Posts of archived WordPress sites",
        "created": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "sources": package.get("sources", []) + [
            {"title": site, "path": site} for site in sites if site not in known_sites],
        "resources": others + [mine],
    })
    text = json.dumps(package, ensure_ascii=False, indent=2) + "\n"
    write_atomically(package_path, lambda file: file.write(text.encode("utf-8")))
    return package_path


def _load(path: Path) -> dict[str, Any]:
    try:
        package = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return package if isinstance(package, dict) else {}
