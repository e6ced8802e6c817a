"""Every command of leadcli, with its options and arguments, for tests that go over all of them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Command:
    path: tuple[str, ...]
    command: Any

    @property
    def name(self) -> str:
        return " ".join(self.path)

    def params(self) -> list[Any]:
        return [p for p in self.command.params if p.name not in ("help",)]

    def arguments(self) -> list[Any]:
        return [p for p in self.params() if p.param_type_name == "argument"]

    def value_options(self) -> list[Any]:
        """Options that take a value (not flags)."""
        return [
            p
            for p in self.params()
            if p.param_type_name == "option" and not p.is_flag and not p.count
        ]

    def clears(self) -> frozenset[str]:
        return getattr(self.command.callback, "__leadcli_empty_clears__", frozenset())


def commands() -> Iterator[Command]:
    """Every leaf command (``member add``, ``db check``, ``init``...), lightened as the CLI runs it."""
    from typer.main import get_command

    from leadcli.cli import GROUPS, app, load_group
    from leadcli.commands import _params

    root = _params.lighten(get_command(app))

    def walk(path: tuple[str, ...], command: Any) -> Iterator[Command]:
        subs = getattr(command, "commands", None)
        if subs is None:
            yield Command(path, command)
            return
        for name, sub in sorted(subs.items()):
            yield from walk((*path, name), sub)

    for name, sub in sorted(root.commands.items()):
        yield from walk((name,), sub)
    for name in GROUPS:
        yield from walk((name,), load_group(name))


def opt(param: Any) -> str:
    return next(o for o in param.opts if o.startswith("--"))


def root_options() -> list[Any]:
    """The root's options that take a value (``--db``), not its flags."""
    from typer.main import get_command

    from leadcli.cli import app

    return [
        p
        for p in get_command(app).params
        if p.name not in ("help", "version") and not getattr(p, "is_flag", False)
    ]
