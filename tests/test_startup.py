"""Commands that parse no phone, email or date must not pay for importing their parsers."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import probe

HEAVY = ("phonenumbers", "email_validator", "dateutil", "sqlite_utils", "jinja2", "pydantic")


def loaded(args: list[str]) -> set[str]:
    found, _ = probe(args, 'sorted({m.split(".")[0] for m in sys.modules})')
    return set(found)


@pytest.fixture
def ready(group) -> None:  # type: ignore[no-untyped-def]
    """A migrated file, so that opening it needs no migration machinery."""


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["member", "list"],
        ["member", "list", "--json"],
        ["member", "show", "Ann"],
        ["member", "add", "Eve Evans", "--category", "Florist"],
        ["member", "attend", "Ann"],
        ["meeting", "list"],
        ["config", "show"],
    ],
)
def test_light_commands_stay_light(ready: None, args: list[str]) -> None:
    heavy = loaded(args) & set(HEAVY)
    assert not heavy, f"leadcli {' '.join(args)} imported {sorted(heavy)}"


def test_parsing_a_phone_loads_phonenumbers(ready: None) -> None:
    assert "phonenumbers" in loaded(["member", "edit", "Ann", "--phone", "212-555-0142"])


@pytest.mark.parametrize(
    "args",
    [
        ["member", "quota", "Ann"],
        ["member", "quota"],
        ["lead", "check", "--week", "2026-11-18"],
        ["--version"],
    ],
)
def test_plain_output_to_a_pipe_does_not_load_rich(ready: None, args: list[str]) -> None:
    assert "rich" not in loaded(args)


def test_version_answers_before_typer_is_loaded() -> None:
    probe = (
        "import sys; sys.argv = ['leadcli', '--version']\n"
        "from leadcli.entry import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert exc.code == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'rich', 'sqlite3')))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.splitlines() == ["leadcli 0.1.0", "[]"]


@pytest.mark.parametrize(
    ("args", "absent"),
    [
        (
            ["lead", "check", "--week", "2026-11-18"],
            # nor what adds and edits leads, nor the change logs (unless a verdict changed)
            {"leadcli.commands.lead_view", "leadcli.commands.lead", "leadcli.commands._leads",
             "leadcli.leads", "leadcli.events", "leadcli.changes"},
        ),
        (["member", "quota", "Ann"], {"leadcli.commands.member_activity", "leadcli.commands.member"}),
    ],
)  # fmt: skip
def test_commands_run_often_load_alone(ready: None, args: list[str], absent: set[str]) -> None:
    found, _ = probe(args, 'sorted(m for m in sys.modules if m.startswith("leadcli."))')
    assert not absent & set(found)


@pytest.mark.parametrize(("group", "name"), [("lead", "check"), ("member", "quota")])
def test_a_command_loaded_alone_is_the_one_of_its_group(group: str, name: str) -> None:
    from leadcli.cli import load_alone, load_group

    alone = load_alone(group, name).commands[name]
    full = load_group(group).commands[name]
    assert alone.name == full.name
    assert [(p.name, p.opts, p.default) for p in alone.params] == [
        (p.name, p.opts, p.default) for p in full.params
    ]
    assert alone.help == full.help


GC_WATCH = """
import gc
from leadcli.commands import _common
seen = []
real = _common.state
def state(ctx):
    seen.append(gc.isenabled())
    return real(ctx)
_common.state = state
"""


@pytest.mark.parametrize("args", [["member", "list"], ["config", "show"]])
def test_commands_run_with_the_garbage_collector_on(ready: None, args: list[str]) -> None:
    """The collector is off while the modules load, and on (their objects frozen) once the
    command runs, so that a long command collects what it leaves behind."""
    (during, after, frozen), _ = probe(
        args,
        "[seen, gc.isenabled(), gc.get_freeze_count() > 0]",
        before=GC_WATCH,
        entry="leadcli.entry",
    )
    assert during and all(during)
    assert after and frozen


DATACLASS_WATCH = """
import dataclasses
made = []
real = dataclasses.dataclass
def counting(cls=None, /, **options):
    def wrap(c):
        made.append(f"{c.__module__}.{c.__qualname__}")
        return real(c, **options)
    return wrap if cls is None else wrap(cls)
dataclasses.dataclass = counting
"""


@pytest.mark.parametrize(
    "args",
    [["lead", "check", "--week", "2026-11-18"], ["member", "quota", "Ann"]],
)
def test_commands_run_often_make_no_dataclass(group, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Making a dataclass writes and compiles its methods as its module loads: the modules of
    these commands hold light records (leadcli.record) instead, and leave the rules' examples
    (for `rules explain` and the tests) unloaded."""
    group("lead", "add", "--from", "Ann", "--to", "Bob", "--type", "direct", "--company", "Acme")
    (made, loaded), result = probe(
        args,
        '[[m for m in made if m.startswith("leadcli.")], '
        'sorted(m for m in sys.modules if m.startswith("leadcli."))]',
        before=DATACLASS_WATCH,
    )
    assert "Acme" in result.stdout or args[0] == "member", result.stdout + result.stderr
    assert made == []
    assert "leadcli.rules.examples" not in loaded


END_PROBE = """
import atexit, json, sys
# Registered before leadcli loads, so run after its own handler: only if the process goes on
# into the interpreter's own ending.
atexit.register(lambda: print("torn down", flush=True))
from leadcli.entry import main
atexit.register(lambda: print("handler ran", flush=True))
sys.argv = ["leadcli", *json.loads(sys.argv[1])]
main()
"""


@pytest.mark.parametrize(("args", "code"), [(["member", "list"], 0), (["nosuch"], 2)])
def test_the_process_ends_with_the_commands_code_after_every_exit_handler(
    ready: None, args: list[str], code: int
) -> None:
    """The process ends without tearing the interpreter down, but only once the exit handlers
    registered after leadcli loaded have run, with the command's exit code and all it wrote."""
    result = subprocess.run(
        [sys.executable, "-c", END_PROBE, json.dumps(args)], capture_output=True, text=True
    )
    assert result.returncode == code
    assert result.stdout.splitlines()[-1] == "handler ran"  # and nothing after
    if code == 0:
        assert "Ann Archer" in result.stdout
    else:
        assert "No such command" in result.stderr
