"""The per-site lock beside the state store."""

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from crawler.state.lock import LockHeld, StateLock, lock_path

HOLD = textwrap.dedent("""
    import sys, time
    from crawler.state.lock import StateLock
    lock = StateLock(sys.argv[1])
    lock.acquire()
    print("locked", flush=True)
    time.sleep(60)
""")


def hold_in_child(path):
    """A child process that holds the lock until killed."""
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE,
                             text=True)
    assert child.stdout.readline().strip() == "locked"
    return child


def test_lock_file_is_beside_the_store_and_names_the_site(tmp_path):
    path = lock_path(tmp_path / "s.sqlite3", "https://www.example.org:8080")
    assert path == tmp_path / "s.sqlite3.example.org_8080.lock"


def test_one_site_spelled_two_ways_has_one_lock(tmp_path):
    store = tmp_path / "s.sqlite3"
    assert lock_path(store, "http://example.org") == lock_path(store, "https://www.example.org")
    assert lock_path(store, "https://example.org:8443") != lock_path(store, "https://example.org")


def test_second_holder_is_refused_with_who_holds_it(tmp_path):
    child = hold_in_child(tmp_path / "x.lock")
    try:
        with pytest.raises(LockHeld, match=f"PID {child.pid} on "):
            StateLock(tmp_path / "x.lock").acquire()
    finally:
        child.kill()
        child.wait()


def test_lock_of_a_killed_process_is_taken_over_with_a_warning(tmp_path, caplog):
    child = hold_in_child(tmp_path / "x.lock")
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    lock = StateLock(tmp_path / "x.lock")
    lock.acquire()
    assert lock.held
    assert f"PID {child.pid}" in caplog.text and "gone" in caplog.text
    lock.release()


def test_release_lets_the_next_one_in_without_a_warning(tmp_path, caplog):
    first = StateLock(tmp_path / "x.lock")
    first.acquire()
    first.release()
    second = StateLock(tmp_path / "x.lock")
    second.acquire()
    assert "Taking over" not in caplog.text
    second.release()
