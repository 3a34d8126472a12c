"""Start several real ``scrapy crawl archive`` processes of one distributed run, and read what
they did."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from redis import Redis

from tests.e2e.crawl import REPO, read_rows

WRITER_LINE = re.compile(r"this process, (\S+), is the writer")


@dataclass
class Worker:
    """One crawl process: its command's feed path and its log."""

    process: subprocess.Popen[str]
    output: Path
    log: Path

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait(self, timeout: float) -> int:
        return self.process.wait(timeout=timeout)

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()

    @property
    def is_writer(self) -> bool:
        return WRITER_LINE.search(self.text()) is not None

    def stat(self, name: str) -> int:
        """A number from the final stats dump (0 when absent)."""
        found = re.search(rf"'{re.escape(name)}': (\d+)", self.text())
        return int(found.group(1)) if found else 0


@dataclass
class Run:
    """The processes of one run, all given the same command (only their feed paths differ)."""

    folder: Path
    args: list[str]
    settings: dict[str, str]
    workers: list[Worker] = field(default_factory=list)

    def start(self, name: str) -> Worker:
        output, log = self.folder / f"{name}.jsonl", self.folder / f"{name}.log"
        command = [sys.executable, "-m", "scrapy", "crawl", "archive", *self.args,
                   "-O", str(output)]
        for key, value in {"ARCHIVE_STATE": "", "ARCHIVE_PROGRESS_INTERVAL": "0",
                           **self.settings}.items():
            command += ["-s", f"{key}={value}"]
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        stream = log.open("w", encoding="utf-8")
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=stream,
                                   stderr=subprocess.STDOUT, text=True)
        stream.close()
        worker = Worker(process, output, log)
        self.workers.append(worker)
        return worker

    def wait(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        for worker in self.workers:
            if worker.process.poll() is None:
                worker.wait(max(deadline - time.monotonic(), 1))

    def writer(self) -> Worker:
        writers = [w for w in self.workers if w.is_writer and w.process.returncode == 0]
        assert len(writers) == 1, f"{len(writers)} writers finished: " + "\n".join(
            w.text()[-3000:] for w in self.workers)
        return writers[0]

    def rows(self) -> list[dict]:
        return read_rows(self.writer().output)


def wait_for(condition, timeout: float = 60, step: float = 0.02) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the run")
        time.sleep(step)


def leases_of(url: str, pid: int) -> int:
    """Requests the process *pid* holds under lease now."""
    server = Redis.from_url(url)
    total = 0
    for key in server.scan_iter(f"archive-crawler:*:lease:*:{pid}:*"):
        total += int(server.hlen(key)) // 2
    server.close()
    return total


def stream_length(url: str) -> int:
    server = Redis.from_url(url)
    total = sum(int(server.xlen(key)) for key in server.scan_iter("archive-crawler:*:items"))
    server.close()
    return total
