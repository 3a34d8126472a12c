"""What an archive server's answers and address mean. Pure.

A replay answers with its own statuses (429: slow down; 502/503/504: busy) and with captures,
whose statuses are the archived ones (a capture of a 503 page is no sign of trouble): a memento
carries ``Memento-Datetime`` or the original headers under ``X-Archive-Orig-*``. A refused
connection is an IP block only from a public archive: a server on the user's own machine or
network that refuses is not running.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from scrapy.http import Response

THROTTLE_STATUSES = frozenset({429, 502, 503, 504})
"""Statuses that mean "the archive is busy" unless the response is a capture (a memento)."""


def is_memento(response: Response) -> bool:
    """Whether *response* replays a capture (its status is the archived one, not the archive's)."""
    headers = response.headers
    return bool(headers.get("Memento-Datetime")) or any(
        name.lower().startswith(b"x-archive-orig-") for name in headers
    )


def is_own_server(url: str) -> bool:
    """Whether *url*'s host is the user's own: ``localhost``, a loopback, private or link-local
    address. Only a public archive blocks IPs by refusing connections."""
    host = (urlsplit(url).hostname or "").rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_link_local
