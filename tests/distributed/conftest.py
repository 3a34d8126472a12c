from __future__ import annotations

import pytest

from tests.distributed.redisserver import run_redis


@pytest.fixture
def redis_url(tmp_path):
    """A fresh redis-server for one test."""
    with run_redis(tmp_path / "redis") as url:
        yield url
