"""Lint and types are configured in pyproject.toml and checked with the tests."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "command",
    [["ruff", "check", "crawler", "tests", "benchmarks", "scripts"], ["mypy"]],
    ids=["ruff", "mypy"],
)
def test_clean(command):
    tool = Path(sys.executable).parent / command[0]
    if not tool.exists() and shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed (pip install -e '.[test]' installs it)")
    executable = str(tool) if tool.exists() else command[0]
    result = subprocess.run([executable, *command[1:]], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
