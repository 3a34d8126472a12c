"""Where relative paths in settings start: the project folder, the one holding ``scrapy.cfg``."""

from __future__ import annotations

from pathlib import Path

from scrapy.utils.conf import closest_scrapy_cfg


def in_project(value: str) -> Path:
    """*value* as a path; a relative one starts at the project folder, or at the working
    directory where there is none (scrapyd runs an egg)."""
    path = Path(value).expanduser()
    if path.is_absolute():
        return path
    cfg = closest_scrapy_cfg()
    return Path(cfg).parent / path if cfg else path
