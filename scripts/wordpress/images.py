"""Tiny real PNG files for the uploads: the same bytes on every run (no randomness)."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path


def png(width: int, height: int, seed: int) -> bytes:
    """An RGB PNG with a diagonal colour gradient that differs per ``seed``."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter type "none" for this scanline
        for x in range(width):
            rows += bytes(((x * 3 + seed * 40) % 256, (y * 5 + seed * 70) % 256,
                           ((x + y) * 2 + seed * 90) % 256))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + _chunk(b"IEND", b""))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def write_images(folder: Path, names: list[str]) -> dict[str, Path]:
    """``name.png`` (640x480, large enough for WordPress's thumbnail and medium sizes) per name."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for seed, name in enumerate(names):
        path = folder / f"{name}.png"
        path.write_bytes(png(640, 480, seed))
        paths[name] = path
    return paths
