"""What the crawl benchmarks share: one child process measured on its own (CPU seconds and peak
resident memory, from ``wait4``, which a busy machine disturbs less than wall time), Scrapy's
final stats read from its log, and the machine in one line."""

from __future__ import annotations

import os
import platform
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Run:
    """One finished command: its log (stderr), CPU seconds, peak RSS in MiB, wall seconds."""

    log: str
    cpu: float
    rss_mib: float
    wall: float

    def stat(self, name: str, default: float | None = None) -> float:
        """A number from the stats Scrapy dumps at the end (``'name': 12``)."""
        found = re.search(rf"'{re.escape(name)}': ([\d.]+)", self.log)
        if found is None:
            if default is None:
                raise KeyError(f"no {name!r} in the log:\n{self.log[-2000:]}")
            return default
        return float(found.group(1))

    @property
    def pages(self) -> int:
        """Pages actually read (``archive/pages_fetched``: not a recrawl's known captures);
        responses for a spider that does not count them (the bare one)."""
        return int(self.stat("archive/pages_fetched", self.stat("response_received_count")))

    @property
    def pages_per_second(self) -> float:
        return self.stat("response_received_count") / self.stat("elapsed_time_seconds")


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run *command* to its end; raise ``SystemExit`` with its log's tail if it fails."""
    environment = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    start = time.monotonic()
    with subprocess.Popen(command, cwd=cwd, env=environment, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True) as child:
        log = child.stderr.read() if child.stderr else ""
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - start
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({child.returncode}):\n{log[-3000:]}")
    return Run(log, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, wall)


def machine() -> str:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}, load average {load}")
