"""A Frictionless ``datapackage.json`` describing exports: the Post (or Comment) fields as a
table schema.

Field descriptions are the docstrings of ``crawler.items.Post`` and ``Comment``, so the package
says what the code says. One ``datapackage.json`` per folder lists every export in it (one
resource each, named after its file: ``posts.csv`` and ``posts.jsonl`` side by side are two
resources with two names).
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
from crawler.items import COMMENT_FIELDS, LIST_FIELDS, POST_FIELDS

INTEGER_FIELDS = ("post_id", "word_count", "comment_count", "comment_id", "parent_id")
MEDIA_TYPES = {"json": "application/json", "jsonl": "application/jsonl",
               "jsonlines": "application/jsonl", "jl": "application/jsonl", "csv": "text/csv"}
DATASETS = {"posts": ("Post", POST_FIELDS, ("site", "url")),
            "comments": ("Comment", COMMENT_FIELDS, ("comment_id", "site", "post_url"))}
"""Dataset -> its item class, columns and required columns."""


@cache
def field_descriptions(item_class: str = "Post") -> dict[str, str]:
    """Field -> its docstring (the string literal under the field), whitespace folded."""
    tree = ast.parse(inspect.getsource(items))
    found: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == item_class:
            for field, doc in zip(node.body, node.body[1:], strict=False):
                if (isinstance(field, ast.AnnAssign) and isinstance(field.target, ast.Name)
                        and isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant)):
                    text = " ".join(str(doc.value.value).split())
                    found[field.target.id] = text.replace("``", "`")  # reST to Markdown
    return found


def table_schema(fmt: str, dataset: str = "posts") -> dict[str, Any]:
    """The columns, typed: lists are arrays in JSON, ``|``-joined strings in CSV."""
    item_class, columns, required = DATASETS[dataset]
    fields = []
    for name in columns:
        field: dict[str, Any] = {"name": name, "type": "string",
                                 "description": field_descriptions(item_class).get(name, "")}
        if name in INTEGER_FIELDS:
            field["type"] = "integer"
        elif name in LIST_FIELDS:
            field["type"] = "string" if fmt == "csv" else "array"
            if fmt == "csv":
                field["description"] += " In CSV: the values joined with '|'."
        elif name in ("published", "modified", "captured_at"):
            field["description"] += " (ISO 8601 text: a date, or a date and time.)"
        if name in required:
            field["constraints"] = {"required": True}
        fields.append(field)
    return {"fields": fields, "missingValues": [""]}


def resource(output: Path, fmt: str, dataset: str = "posts",
             written: tuple[int, str] | None = None) -> dict[str, Any]:
    """*output*'s entry; *written* is its size and SHA-256 (hex) if known, else the file is
    read (in blocks: an export of a million posts is gigabytes)."""
    size, sha256 = written or _size_and_hash(output)
    entry: dict[str, Any] = {
        "name": re.sub(r"[^a-z0-9._-]+", "-", output.name.lower()).strip("-") or dataset,
        "title": dataset.capitalize(), "path": output.name, "profile": "tabular-data-resource",
        "format": "jsonl" if fmt in ("jsonlines", "jl") else fmt, "mediatype": MEDIA_TYPES[fmt],
        "encoding": "utf-8", "bytes": size, "hash": "sha256:" + sha256,
        "schema": table_schema(fmt, dataset)}
    if fmt == "json":  # frictionless reads a JSON array without counting bytes: it would fail
        del entry["bytes"], entry["hash"]
    if fmt == "csv":
        entry["dialect"] = {"delimiter": ",", "quoteChar": '"', "header": True}
    return entry


def write_datapackage(output: Path, fmt: str, sites: list[str], dataset: str = "posts",
                      written: tuple[int, str] | None = None) -> Path:
    """Add (or refresh) *output*'s resource in the ``datapackage.json`` beside it (*written*:
    as :func:`resource`)."""
    package_path = output.parent / "datapackage.json"
    package = _load(package_path)
    mine = resource(output, fmt, dataset, written)
    others = [r for r in package.get("resources", []) if isinstance(r, dict)
              and r.get("path") != mine["path"] and (output.parent / str(r.get("path"))).exists()]
    taken = {r.get("name") for r in others}
    base, n = mine["name"], 1
    while mine["name"] in taken:  # Posts.csv beside posts.csv
        n += 1
        mine["name"] = f"{base}-{n}"
    known_sites = {s.get("path") for s in package.get("sources", []) if isinstance(s, dict)}
    # frictionless cannot read an empty JSON or JSON Lines file (a CSV keeps its header line)
    resources = others + ([mine] if fmt == "csv" or output.stat().st_size > 2 else [])
    package.update({
        "profile": "tabular-data-package",
        "name": package.get("name") or "archive-crawler-posts",
        "title": package.get("title") or "Posts of archived WordPress sites",
        "created": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "sources": package.get("sources", []) + [
            {"title": site, "path": site} for site in sites if site not in known_sites],
        "resources": resources,
    })
    text = json.dumps(package, ensure_ascii=False, indent=2) + "\n"
    write_atomically(package_path, lambda file: file.write(text.encode("utf-8")))
    return package_path


def _size_and_hash(path: Path) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as file:
        while block := file.read(1 << 20):
            digest.update(block)
            size += len(block)
    return size, digest.hexdigest()


def _load(path: Path) -> dict[str, Any]:
    try:
        package = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return package if isinstance(package, dict) else {}
