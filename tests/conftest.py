"""Every test runs against its own temporary group file, never a real user database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

# Thursday 2026-11-19, mid-morning, the day after a Wednesday meeting.
NOW = "2026-11-19T10:00:00"

# leadcli keeps a cache (patterns.py) in the user cache directory: the tests keep theirs in a
# directory of their own from the first import of leadcli on, and to the end of the process
# (it is written as the process ends, after every fixture is undone).
_CACHE = tempfile.TemporaryDirectory(prefix="leadcli-test-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE.name


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point LEADCLI_DB at a temp file and pin the clock; no test can touch a real database."""
    path = tmp_path / "group.db"
    monkeypatch.setenv("LEADCLI_DB", str(path))
    monkeypatch.setenv("LEADCLI_NOW", NOW)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("LEADCLI_DEBUG", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return path


@pytest.fixture
def db_path(isolated: Path) -> Path:
    return isolated


Invoke = Callable[..., Result]


@pytest.fixture
def cli() -> Invoke:
    """Run leadcli in-process: ``cli("member", "add", "Ann", code=0)`` asserts the exit code."""
    from leadcli.cli import app

    runner = CliRunner()

    def invoke(
        *args: str,
        code: int | None = 0,
        input: str | None = None,
        env: dict[str, str] | None = None,
    ) -> Result:
        result = runner.invoke(app, list(args), input=input, env=env)
        if code is not None and result.exit_code != code:
            raise AssertionError(
                f"leadcli {' '.join(args)} exited {result.exit_code}, expected {code}\n"
                f"stdout: {result.stdout}\nstderr: {result.stderr}\nexception: {result.exception!r}"
            )
        return result

    return invoke


@pytest.fixture
def cli_json(cli: Invoke) -> Callable[..., Any]:
    def invoke(*args: str, code: int | None = 0) -> Any:
        return json.loads(cli(*args, "--json", code=code).stdout)

    return invoke


def run_process(
    *args: str, env: dict[str, str] | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run leadcli in a new process, as a user or cron would."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "leadcli", *args],
        capture_output=True,
        text=True,
        env=full_env,
        input=input,
        timeout=120,
    )


def probe(args: list[str], report: str, *, before: str = "", entry: str = "leadcli.cli") -> Any:
    """Run leadcli with ``args`` in a new process (``before``: Python run first; ``entry``: the
    module whose ``main`` runs it) and return the JSON value of the Python expression
    ``report`` once the command is done: what a command loaded, made or left, seen from
    inside."""
    script = (
        f"import json, sys\n{before}\n"
        'sys.argv = ["leadcli", *json.loads(sys.argv[1])]\n'
        f"from {entry} import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stdout = sys.__stdout__\n"
        f'print("\\nPROBE " + json.dumps({report}))\n'
    )
    done = subprocess.run(
        [sys.executable, "-c", script, json.dumps(args)], capture_output=True, text=True
    )
    lines = [x for x in done.stdout.splitlines() if x.startswith("PROBE ")]
    assert lines, done.stdout + done.stderr
    return json.loads(lines[-1].removeprefix("PROBE ")), done


def one_error_line(result: Result | subprocess.CompletedProcess[str]) -> str:
    """The stderr of a refused command: exactly one line starting with 'Error: '."""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {lines!r}"
    assert lines[0].startswith("Error: "), lines[0]
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.fixture
def group(cli: Invoke) -> Invoke:
    """A group set up with four members, all joined on 2026-01-07; no meeting recorded yet."""
    cli("init", "--name", "Downtown Leads")
    cli(
        "member",
        "add",
        "Ann Archer",
        "--category",
        "Realtor",
        "--joined",
        "2026-01-07",
        "--phone",
        "415-555-0101",
        "--email",
        "ann@example.com",
    )
    cli("member", "add", "Bob Baker", "--category", "Plumber", "--joined", "2026-01-07")
    cli("member", "add", "Cat Cole", "--category", "Accountant", "--joined", "2026-01-07")
    cli("member", "add", "Dan Dale", "--category", "Printer", "--joined", "2026-01-07")
    return cli


def demo_history(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """A demo group of a year and a half (about 1,500 leads, some of them possible duplicates),
    built in a directory of its own: the history the streaming and shared checks are tried on."""
    from leadcli import db, demo

    path = tmp_path_factory.mktemp(name) / "group.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LEADCLI_NOW", NOW)
        conn = db.connect(path)
        demo.build(conn, members=14, weeks=80, seed=5)
        conn.close()
    return path
