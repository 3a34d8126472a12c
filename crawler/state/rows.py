"""What the state store returns for one stored post or comment."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class StoredPost:
    """What the store holds about one post (or comment): its merged record, the fingerprint of
    its content, and the run whose feeds it is waiting for (``None``: delivered)."""

    record: dict[str, Any]
    fingerprint: str
    pending_run: int | None
