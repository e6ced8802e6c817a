from __future__ import annotations

import re

from conftest import Invoke, one_error_line, run_process
from leadcli import __version__


def test_version(cli: Invoke) -> None:
    assert cli("--version").stdout == f"leadcli {__version__}\n"


def test_help_lists_the_command_groups(cli: Invoke) -> None:
    out = cli("--help").stdout
    for name in ("init", "config", "member", "meeting", "demo"):
        assert name in out


def test_no_arguments_prints_help(cli: Invoke) -> None:
    result = cli(code=0)
    assert "member" in result.stdout


def test_every_command_has_help_text(cli: Invoke) -> None:
    from typer.main import get_command

    from leadcli.cli import app

    def walk(command, path):  # type: ignore[no-untyped-def]
        assert command.help or command.short_help, f"{' '.join(path)} has no help text"
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])

    walk(get_command(app), ["leadcli"])


def test_usage_errors_are_one_line_with_exit_2(cli: Invoke) -> None:
    line = one_error_line(cli("member", "add", "Ann", "--category", code=2))
    assert "--category" in line
    line = one_error_line(cli("member", "frobnicate", code=2))
    assert "frobnicate" in line
    line = one_error_line(cli("--nope", code=2))
    assert "--nope" in line


def test_errors_in_a_real_process_have_no_traceback_or_color() -> None:
    result = run_process("member", "add", "Ann", "--category", "Realtor", "--email", "ann@")
    assert result.returncode == 2
    assert one_error_line(result) == "Error: invalid email for --email: 'ann@'"
    assert not re.search(r"\x1b\[", result.stderr + result.stdout)


def test_python_dash_m(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = run_process("--version")
    assert result.returncode == 0 and result.stdout.startswith("leadcli ")


def test_output_has_no_color_in_a_pipe(group: Invoke) -> None:
    result = run_process("member", "list")
    assert result.returncode == 0 and "\x1b[" not in result.stdout
