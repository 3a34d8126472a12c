"""A DNS resolver for crawls under test: names under ``.test`` (RFC 2606) are 127.0.0.1.

The crawler tells a public archive (the Internet Archive: a refused connection there means it
blocked this IP) from a server the user runs (a loopback address: a refused connection means it
is not running). A test archive reached by a ``.test`` name plays the public one, offline.
Use with ``-s TWISTED_DNS_RESOLVER=tests.archives.resolver.LoopbackTestNames``.
"""

from __future__ import annotations

from collections.abc import Sequence

from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer

SUFFIX = ".test"
SETTING = {"TWISTED_DNS_RESOLVER": "tests.archives.resolver.LoopbackTestNames"}


class LoopbackTestNames(CachingThreadedResolver):
    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> defer.Deferred[str]:  # noqa: N802 (Twisted's naming)
        if name.endswith(SUFFIX):
            return defer.succeed("127.0.0.1")
        return super().getHostByName(name, timeout)
