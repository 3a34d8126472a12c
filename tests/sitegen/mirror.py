"""Write a site as ``wget --mirror`` or wayback_machine_downloader leave it on disk."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from .model import SiteModel
    from .site import Site

LAYOUTS = ("wget", "wbm")


def relative_path(url: str) -> str:
    """Where a mirror keeps ``url`` below its host folder: directory URLs get ``index.html``,
    a query stays in the file name (``index.html?p=12``, ``page/2/index.html``)."""
    parts = urlsplit(url)
    path = parts.path.lstrip("/")
    if not path or path.endswith("/"):
        path += "index.html"
    return path + (f"?{parts.query}" if parts.query else "")


def host_folder(root: str) -> str:
    """``www.example.org`` or ``127.0.0.1:43211``: the netloc, as both tools name it."""
    return urlsplit(root).netloc.lower()


def write_mirror(site: Site, path: Path, layout: str) -> Path:
    """Every page at its own path. ``wget`` saves no redirects (a redirect's target is saved at
    the target's path only); ``wbm`` adds older captures at old-slug URLs and the post pages its
    ``?p=N`` shortlink captures hold."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}, not {layout!r}")
    host = path / host_folder(site.root)
    files = dict(site.pages)
    if layout == "wbm":
        files.update(site.wbm_captures)
    for url, body in files.items():
        target = host / relative_path(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
    return host


def stream_mirror(model: SiteModel, path: Path, pad_to_kb: int | None = None) -> Site:
    """Render *model* straight into a ``wget`` mirror under *path*, each page written as it is
    made and none kept: the way to a site of 100,000 posts (``benchmarks/scale.py``). The
    returned site has its ground truth and page kinds, not its pages."""
    from .site import Site

    host = path / host_folder(model.root)

    def write(url: str, body: bytes) -> None:
        target = host / relative_path(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)

    return Site(model, pad_to_kb, on_page=write)
