"""A throw-away WordPress: MariaDB on a private socket, PHP's built-in web server on 127.0.0.1.

Uses Debian's packages (``/usr/share/wordpress`` is WordPress 6.1 in bookworm) and never the
system services: the database lives in a temporary datadir with networking switched off, the web
server listens on a free loopback port, and both are stopped (and the folder removed) when the
``with`` block ends, whatever happens inside it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PHP_DIR = HERE / "php"
WORDPRESS = Path("/usr/share/wordpress")
PACKAGES = ("wordpress", "wordpress-theme-twentytwentyone", "wordpress-theme-twentytwentytwo",
            "wordpress-theme-twentytwentythree", "mariadb-server", "php-cli", "php-mysql", "php-gd")
INSTALL_HINT = "apt-get install -y " + " ".join(PACKAGES)
# Fixed keys and salts: nothing random may reach a rendered page (cookies and nonces only
# appear for logged-in users, whom we never are, but keep the install reproducible anyway).
CONFIG = """<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:{socket}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
foreach (['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT',
          'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'] as $key) {{
    define($key, 'fixture-' . $key);
}}
$table_prefix = 'wp_';
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
define('WP_DEBUG', false);
define('DISABLE_WP_CRON', true);          // no loopback requests to a host that does not resolve
define('WP_HTTP_BLOCK_EXTERNAL', true);   // no oEmbed discovery, update checks, pattern fetches
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
@ini_set('display_errors', '0');
if (!defined('ABSPATH')) {{
    define('ABSPATH', __DIR__ . '/');
}}
require_once ABSPATH . 'wp-settings.php';
"""


class MissingPackages(RuntimeError):
    """The Debian packages the generator needs are not installed."""


def check_packages() -> None:
    """Raise :class:`MissingPackages`, saying how to install them, when anything is missing."""
    missing = [tool for tool in ("php", "mariadbd", "mariadb-install-db") if not shutil.which(tool)]
    if not (WORDPRESS / "wp-load.php").exists():
        missing.append(str(WORDPRESS))
    probe = subprocess.run(["php", "-m"], capture_output=True, text=True) if not missing else None
    if probe is not None:
        missing += [ext for ext in ("mysqli", "gd") if ext not in probe.stdout.split()]
    if missing:
        raise MissingPackages(f"missing {', '.join(missing)}; as root run: {INSTALL_HINT}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class WordPress:
    """A running install: its folder and the loopback port its web server answers on."""

    root: Path
    port: int

    def php(self, script: str, *args: str, stdin: str | None = None) -> str:
        """Run one of ``php/*.php`` inside WordPress (it loads ``wp-load.php``); its stdout."""
        done = subprocess.run(
            ["php", "-d", "memory_limit=512M", str(PHP_DIR / script), str(self.root), *args],
            input=stdin, capture_output=True, text=True, timeout=600)
        if done.returncode != 0:
            raise RuntimeError(f"{script} failed ({done.returncode}):\n"
                               f"{done.stdout}\n{done.stderr}")
        return done.stdout

    def apply(self, ops: list[dict[str, Any]], ids: dict[str, int] | None = None) -> dict[str, Any]:
        """Run ``php/apply.php`` on ``ops`` (``ids``: keys earlier runs created); its answer."""
        answer = self.php("apply.php", stdin=json.dumps({"ids": ids or {}, "ops": ops}))
        return dict(json.loads(answer))

    def switch_theme(self, stylesheet: str) -> None:
        self.apply([{"op": "theme", "stylesheet": stylesheet}])


@contextmanager
def wordpress(themes: list[Path]) -> Iterator[WordPress]:
    """Set up and run a fresh WordPress (empty database, ``themes`` copied in); tear it all down
    afterwards."""
    check_packages()
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="wp-fixtures-")))
        socket_path = stack.enter_context(_mariadb(tmp / "db"))
        root = _install_tree(tmp / "site", socket_path, themes)
        port = free_port()
        stack.enter_context(_process(
            ["php", "-S", f"127.0.0.1:{port}", "-t", str(root), str(PHP_DIR / "router.php")],
            tmp / "php-server.log", lambda: _listening(port)))
        yield WordPress(root, port)


def _install_tree(root: Path, socket_path: Path, themes: list[Path]) -> Path:
    """WordPress's own files linked from the Debian package, our config, a writable
    ``wp-content`` (uploads, and the themes: Debian's linked, the others copied)."""
    root.mkdir(parents=True)
    for entry in WORDPRESS.iterdir():
        if entry.name in ("wp-config.php", "wp-content"):
            continue
        if entry.is_dir():
            (root / entry.name).symlink_to(entry)
        else:  # copied: wp-load.php finds ABSPATH (and so our config) from its own folder
            shutil.copy2(entry, root / entry.name)
    (root / "wp-config.php").write_text(CONFIG.format(socket=socket_path), encoding="utf-8")
    content = root / "wp-content"
    (content / "themes").mkdir(parents=True)
    (content / "uploads").mkdir()
    (content / "plugins").mkdir()
    for theme in themes:
        if theme.is_relative_to(WORDPRESS):
            (content / "themes" / theme.name).symlink_to(theme)
        else:
            shutil.copytree(theme, content / "themes" / theme.name)
    return root


@contextmanager
def _mariadb(datadir: Path) -> Iterator[Path]:
    """A private MariaDB server with networking off; yields its socket."""
    datadir.mkdir(parents=True)
    subprocess.run(
        ["mariadb-install-db", "--no-defaults", f"--datadir={datadir}", "--user=root",
         "--auth-root-authentication-method=normal", "--skip-test-db"],
        check=True, capture_output=True, timeout=300)
    sock = datadir / "mysqld.sock"
    command = ["mariadbd", "--no-defaults", f"--datadir={datadir}", f"--socket={sock}",
               "--skip-networking", "--user=root", f"--pid-file={datadir / 'mysqld.pid'}",
               "--innodb-flush-log-at-trx-commit=0", "--character-set-server=utf8mb4",
               "--collation-server=utf8mb4_unicode_520_ci"]
    with _process(command, datadir / "server.log", sock.exists):
        subprocess.run(["mariadb", f"--socket={sock}", "-uroot", "-e",
                        "CREATE DATABASE wordpress CHARACTER SET utf8mb4"],
                       check=True, timeout=60)
        yield sock


@contextmanager
def _process(command: list[str], log: Path, ready: Callable[[], bool]) -> Iterator[None]:
    """Run ``command`` (output to ``log``) until the block ends; wait for ``ready()`` first.

    It runs in a process group of its own: PHP's server forks workers, which must end with it.
    """
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True,
                                   env={**os.environ, "PHP_CLI_SERVER_WORKERS": "2"})
    try:
        deadline = time.monotonic() + 60
        while not ready():
            if process.poll() is not None or time.monotonic() > deadline:
                output = log.read_text(errors="replace")
                raise RuntimeError(f"{command[0]} did not start:\n{output}")
            time.sleep(0.1)
        yield
    finally:
        _stop_group(process)


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=30)
            break
        except subprocess.TimeoutExpired:
            continue
    with suppress(ProcessLookupError):  # workers that outlived their parent
        os.killpg(process.pid, signal.SIGKILL)


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False
