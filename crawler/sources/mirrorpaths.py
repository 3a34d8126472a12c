"""Where each URL of a site lives in a mirror folder, and back.

Layout: ``PATH/<host>[:port]/2017/11/18/<slug>/index.html``; ``index.html`` stands for directory
URLs, query URLs keep the ``?`` in the file name (``index.html?p=12``), ``wget -E`` may append
``.html``, Jekyll-style copies are ``index.md``/``<slug>.md``. Folder names may keep a URL's
percent-encoding (as wayback_machine_downloader does, in the case the site wrote it: WordPress
writes non-ASCII slugs in lowercase hex) or decode it (wget); a name that is not UTF-8 stands for
the URL's raw bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from crawler.sources.mirrorfiles import (
    COPY_INDEX_NAMES,
    COPY_SUFFIXES,
    HTML_SUFFIXES,
    INDEX_NAMES,
)
from crawler.urls import SiteUrls

_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
_URL_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_URL_QUERY_SAFE = _URL_PATH_SAFE + "?"


def url_path(relative: str) -> str:
    """The path and query of the URL the file at *relative* (a POSIX path in the host folder)
    was saved from."""
    directory, _, name = relative.rpartition("/")
    name, _, query = name.partition("?")
    if query.endswith(HTML_SUFFIXES) and name.endswith(HTML_SUFFIXES):
        query = query.rsplit(".", 1)[0]  # wget -E appends .html after the query
    if name in INDEX_NAMES or name in COPY_INDEX_NAMES:
        name = ""
    elif name.endswith(COPY_SUFFIXES):
        name = name.rsplit(".", 1)[0]  # a Jekyll copy: slug.md is /slug/
    elif name.endswith(HTML_SUFFIXES) and "." not in name.rsplit(".", 1)[0]:
        name = name.rsplit(".", 1)[0]  # wget -E: archives/12 saved as archives/12.html
    if name and "." not in name:
        name += "/"  # a directory URL (WordPress permalinks end with a slash)
    path = "/".join(("", directory, name)) if directory else "/" + name
    # surrogateescape: a name that is not UTF-8 holds the URL's raw bytes; they are %-encoded.
    path = quote(path, safe=_URL_PATH_SAFE, errors="surrogateescape")
    query = quote(query, safe=_URL_QUERY_SAFE, errors="surrogateescape")
    return path + (f"?{query}" if query else "")


def candidates(path: str, query: str) -> Iterator[str]:
    """Relative file names that may hold the URL with *path* and *query*, best first."""
    suffix = f"?{query}" if query else ""
    # Folders may keep the URL decoded (wget) or percent-encoded as the site wrote it (WordPress
    # writes non-ASCII slugs in lowercase hex; canonical URLs have uppercase).
    lower = _ESCAPE.sub(lambda m: m[0].lower(), path)
    spellings = (unquote(path, errors="surrogateescape"), path, lower, lower.upper())
    for spelled in dict.fromkeys(spellings):
        relative = spelled.lstrip("/")
        if not relative or relative.endswith("/"):
            for index in INDEX_NAMES:
                yield relative + index + suffix
                yield relative + index + suffix + ".html"
            stem = relative.rstrip("/")
            if stem:
                yield stem + suffix
                yield stem + ".html" + suffix
                yield stem + suffix + ".html"
            if not suffix:  # copies come after every HTML spelling: an index.html wins
                yield from (relative + index for index in COPY_INDEX_NAMES)
                yield from (stem + ext for ext in COPY_SUFFIXES if stem)
        else:
            yield relative + suffix


def find_host_dir(path: Path, site: SiteUrls) -> Path:
    """The folder holding the site's files: ``PATH/<host>[:port]`` or ``PATH`` itself.

    A host folder that is a symbolic link is followed when it leads to a folder inside ``PATH``
    (``example.org -> www.example.org``); one leading out is refused, saying so: nothing outside
    the folder given is ever read.
    """
    if not path.is_dir():
        raise ValueError(f"archive folder {str(path)!r} does not exist or is not a folder")
    path = path.resolve()
    for name in _host_names(site):
        candidate = path / name
        if candidate.is_symlink():
            target = candidate.resolve()
            if not target.is_dir():
                raise ValueError(f"the host folder {str(candidate)!r} is a link to "
                                 f"{str(target)!r}, which is not a folder")
            if not target.is_relative_to(path):
                raise ValueError(
                    f"the host folder {str(candidate)!r} is a link to {str(target)!r}, outside "
                    f"{str(path)!r}: nothing outside the archive folder is read. Give the "
                    f"folder itself: -a archive={target}")
            return target
        if candidate.is_dir():
            return candidate
    if path.name in _host_names(site) or any(path.glob("index.htm*")) \
            or any(path.glob("index.m*")):
        return path
    raise ValueError(
        f"no folder for {site.host} in {str(path)!r}: expected {str(path / site.host)!r} "
        "(as wget --mirror and wayback_machine_downloader write) or a host folder with index.html"
    )


def _host_names(site: SiteUrls) -> list[str]:
    parts = urlsplit(site.root)
    hostname = parts.hostname or ""
    bare = hostname.removeprefix("www.")
    names = [site.host, hostname, bare, "www." + bare]
    if parts.port:
        names += [f"{bare}:{parts.port}", f"www.{bare}:{parts.port}", f"{hostname}+{parts.port}"]
    return list(dict.fromkeys(names))
