"""The root command: mounts the command groups, takes --db and --version, maps errors to exit codes."""

from __future__ import annotations

import errno
import gc
import importlib
import os
import sys
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from leadcli import __version__
from leadcli.commands import _params
from leadcli.errors import EXIT_DOMAIN, EXIT_INTERRUPTED, EXIT_USAGE, LeadcliError


def _is_click_error(exc: BaseException) -> bool:
    # Typer bundles its own Click; its exceptions carry an exit code and a message.
    return hasattr(exc, "exit_code") and hasattr(exc, "format_message")


def _usage_line(exc: Any) -> str:
    message = " ".join(str(exc.format_message()).split())
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        return f"{message} (see '{ctx.command_path} --help')"
    return message


# The command groups, loaded only when named, so that `leadcli --version` or `leadcli member list`
# never imports the modules of the other nouns. Each module exposes `app`.
GROUPS: dict[str, tuple[str, str]] = {
    "config": ("leadcli.commands.config", "Show and change the group's settings."),
    "member": ("leadcli.commands.member", "Add members, record attendance, check standing."),
    "visitor": (
        "leadcli.commands.visitor",
        "Visitors, who invited them, and applicants for a category.",
    ),
    "meeting": (
        "leadcli.commands.meeting",
        "Record meetings and holidays; list attendance per meeting.",
    ),
    "lead": (
        "leadcli.commands.lead",
        "Record leads, check them against the rules, follow them up.",
    ),
    "rules": (
        "leadcli.commands.rules",
        "The hot-lead rule catalogue: codes, points, why each matters.",
    ),
    "report": ("leadcli.commands.report", "The weekly report, and lead quality by source."),
    "import": (
        "leadcli.commands.imports",
        "Import members, leads, attendance or activity from CSV.",
    ),
    "export": (
        "leadcli.commands.export",
        "Export members, leads, attendance or activity as CSV or JSON.",
    ),
    "db": ("leadcli.commands.dbfile", "Back up and check the group file."),
    "category": (
        "leadcli.commands.category",
        "Categories: holders, spheres, unmet needs and openings.",
    ),
}


# Commands of the root itself, loaded the same way: (module, its Typer app of one command, help).
COMMANDS: dict[str, tuple[str, str, str]] = {
    "init": (
        "leadcli.commands.setup",
        "init_app",
        "Create the group file and set its standards from a preset.",
    ),
    "demo": (
        "leadcli.commands.setup",
        "demo_app",
        "Build a realistic sample group and print its weekly report.",
    ),
}


# Commands run often, from scripts and cron, that load alone when named: without the modules of
# the rest of their group. (group, command) -> (module, function); the group registers the
# same function under the same name.
ALONE: dict[tuple[str, str], tuple[str, str]] = {
    ("lead", "check"): ("leadcli.commands.lead_check", "check"),
    ("member", "quota"): ("leadcli.commands.member_quota", "quota"),
}


def load_alone(group: str, name: str) -> Any:
    """The group ``group`` holding only its command ``name``."""
    from typer.main import get_command

    module_name, function = ALONE[(group, name)]
    single = typer.Typer(add_completion=False, rich_markup_mode=None)
    single.command(name)(getattr(importlib.import_module(module_name), function))
    command = get_command(single)
    command.name = name
    return _params.lighten(TyperGroup(name=group, commands={name: command}, help=GROUPS[group][1]))


def load_group(name: str) -> Any:
    from typer.main import get_command

    if name in COMMANDS:
        module_name, attribute, _ = COMMANDS[name]
        command = _params.lighten(
            get_command(getattr(importlib.import_module(module_name), attribute))
        )
        command.name = name
        return command
    module_name, help_text = GROUPS[name]
    command = _params.lighten(get_command(importlib.import_module(module_name).app))
    command.name = name
    command.help = help_text
    return command


class LeadcliGroup(TyperGroup):
    """The root group: lazy command groups; every error becomes one line on stderr and an exit code."""

    def list_commands(self, ctx: Any) -> list[str]:
        return [*super().list_commands(ctx), *COMMANDS, *GROUPS]

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if len(args) > 1 and (args[0], args[1]) in ALONE:
            return args[0], load_alone(args[0], args[1]), args[1:]
        return super().resolve_command(ctx, args)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in GROUPS or cmd_name in COMMANDS:
            return load_group(cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = [(name, cmd.get_short_help_str(80)) for name, cmd in self.commands.items()]
        rows += [(name, help_text) for name, (_, _, help_text) in COMMANDS.items()]
        rows += [(name, help_text) for name, (_, help_text) in GROUPS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def _main_shell_completion(
        self, ctx_args: Any, prog_name: str, complete_var: str | None = None
    ) -> None:
        # Asked by the shell for completions (Tab): only then is the completion code loaded.
        if os.environ.get(complete_var or f"_{prog_name}_COMPLETE".replace("-", "_").upper()):
            from leadcli.commands import _complete

            _complete.prepare_shells()
        super()._main_shell_completion(ctx_args, prog_name, complete_var)

    def main(self, args: Any = None, prog_name: str | None = None, **extra: Any) -> Any:
        standalone = extra.pop("standalone_mode", True)
        _params.lighten(self)
        code = self._run(args, prog_name or "leadcli", extra)
        if standalone:
            sys.exit(code)
        return code

    def _run(self, args: Any, prog_name: str, extra: dict[str, Any]) -> int:
        try:
            rv = super().main(args=args, prog_name=prog_name, standalone_mode=False, **extra)
            return rv if isinstance(rv, int) else 0
        except LeadcliError as exc:
            return _fail(exc.message, exc.exit_code)
        except KeyboardInterrupt:
            return _fail("interrupted; nothing was written", EXIT_INTERRUPTED)
        except Exception as exc:
            return _failure(exc)


def _fail(message: str, code: int) -> int:
    from leadcli import console

    console.error(message)
    return code


def _failure(exc: Exception) -> int:
    """The exit code (and one line) for an exception that is not a LeadcliError."""
    name = type(exc).__name__
    if name == "NoArgsIsHelpError":
        help_text = str(exc.format_message())  # type: ignore[attr-defined]
        if help_text.strip():
            sys.stdout.write(help_text + "\n")
        return 0
    if name == "Abort":
        return _fail("interrupted; nothing was written", EXIT_INTERRUPTED)
    if _is_click_error(exc):
        return _fail(_usage_line(exc), int(getattr(exc, "exit_code", EXIT_USAGE)))
    if os.environ.get("LEADCLI_DEBUG") == "1":
        raise exc
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        from leadcli import db

        return _fail(db.disk_full_message(Path(exc.filename or ".").parent), EXIT_DOMAIN)
    sqlite3 = sys.modules.get("sqlite3")
    if sqlite3 is not None and isinstance(exc, sqlite3.Error):
        from leadcli import db

        if db.is_busy(exc):
            error = db.busy_error()
            return _fail(error.message, error.exit_code)
        if db.is_disk_full(exc, _open_path()):
            return _fail(db.disk_full_message(_open_path().parent), EXIT_DOMAIN)
        return _fail(f"the database could not be used: {_sqlite_reason(exc)}", EXIT_DOMAIN)
    return _fail(f"unexpected {name} (run with LEADCLI_DEBUG=1 for the traceback)", EXIT_DOMAIN)


def _open_path() -> Path:
    """The group file this run opened last (else the one it would use)."""
    from leadcli import db

    return db.last_opened or db.resolve_path(None)


def _sqlite_reason(exc: Exception) -> str:
    text = str(exc)
    if "not a database" in text:
        return "the file is not a SQLite database"
    if "malformed" in text:
        return "the file is damaged (run `leadcli db check`)"
    if "readonly" in text or "read-only" in text:
        from leadcli import db

        path = _open_path()
        reason = db.read_only_reason(path)
        return reason or f"{path} is read-only"
    if "unable to open" in text:
        return "the file cannot be opened"
    return f"{text or type(exc).__name__}; nothing was written; `leadcli db check` checks the file"


app = typer.Typer(
    cls=LeadcliGroup,
    name="leadcli",
    help="Run a business leads group from one SQLite file.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"leadcli {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db_path: Path | None = typer.Option(
        None,
        "--db",
        metavar="PATH",
        help="The group file (default: $LEADCLI_DB, then the user data dir).",
    ),
    version: bool = typer.Option(
        False, "--version", is_eager=True, callback=_version, help="Print the version and exit."
    ),
) -> None:
    """Run a business leads group from one SQLite file."""
    if not gc.isenabled():
        # Started by the leadcli command (entry.main), which loads the modules with the garbage
        # collector off: they stay for the whole run, so the collector leaves them out (frozen)
        # and runs for what the command makes.
        gc.freeze()
        gc.enable()
    from leadcli.commands import _common

    state = _common.state(ctx)
    state.db_option = db_path
    ctx.call_on_close(state.close)


def main() -> None:
    app()
