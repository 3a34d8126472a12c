"""Settings from the environment, for cron, systemd and scrapyd (``deploy/``).

Scrapy 2.19 reads no ``SCRAPY_<NAME>`` variables, so every ``ARCHIVE*`` setting of
``crawler/settings.py`` may be given by an environment variable of the same name. Precedence:
``-a``/``-s`` on the command line, then the environment, then ``settings.py``. Applied when a
crawl's settings are made (the spider's ``update_settings``, Scrapy's hook for it) and by
``scrapy export``, never at import time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings

ENVIRONMENT = SETTINGS_PRIORITIES["project"] + 5
"""Above ``settings.py`` (project, 20), below ``-a`` (spider, 30) and ``-s`` (cmdline, 40): a
priority of its own, since Scrapy merges the project's settings into a crawler's again when the
crawl starts, and an equal priority would lose to them."""


def is_archive_setting(name: str) -> bool:
    return name == "ARCHIVE" or name.startswith("ARCHIVE_")


def apply_environment(settings: BaseSettings, environ: Mapping[str, str] = os.environ) -> None:
    """Set every known ``ARCHIVE*`` setting that *environ* names, over ``settings.py``'s value
    but under anything given on the command line (``-a``, ``-s``)."""
    for name, value in environ.items():
        if is_archive_setting(name) and name in settings:
            settings.set(name, value, priority=ENVIRONMENT)
