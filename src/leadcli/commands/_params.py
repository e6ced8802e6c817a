"""Plain coercion for plain parameters.

Typer coerces every parameter value through a pydantic TypeAdapter, and importing pydantic
costs more than the rest of a command's start-up. Parameters annotated ``str``, ``int``,
``bool`` or ``Path`` (alone or as a list) need no such machinery: ``lighten`` gives them a
coercer that converts the value directly and checks ``min``/``max`` as Typer would. Any other
annotation keeps Typer's own coercion.

It is also the one place where every option and argument value is read: an empty or blank
value (``--status ''``) is refused as bad input, never taken for the default, except in the
options a command names with ``empty_clears`` (``lead edit --phone ''`` clears the phones);
so is a value holding a control or bidi character, whatever the option.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin

import typer

from leadcli import patterns
from leadcli.controls import CONTROL
from leadcli.errors import BadInput

_PLAIN = (str, int, bool, Path)
_CLEARS = "__leadcli_empty_clears__"
# Whole numbers as typed in ASCII digits (int() would also take "1_000" and other scripts'
# digits), and no larger than SQLite's integers.
_WHOLE = patterns.compile(r"^[+-]?[0-9]+$")
_LARGEST = 2**63 - 1
F = TypeVar("F", bound=Callable[..., Any])


def empty_clears(*names: str) -> Callable[[F], F]:
    """Mark the options of a command (by parameter name) where an empty value clears a field."""

    def mark(function: F) -> F:
        setattr(function, _CLEARS, frozenset(names))
        return function

    return mark


def _shown_name(param: Any) -> str:
    opts = [o for o in getattr(param, "opts", ()) if o.startswith("--")]
    if opts and getattr(param, "param_type_name", "") == "option":
        return opts[0]
    return str(param.metavar or (param.name or "value").upper())


class PlainParam:
    """Duck-types Typer's runtime coercion for one plain parameter."""

    def __init__(self, kind: type, info: Any, *, empty_clears: bool = False) -> None:
        self.kind = kind
        self.low = getattr(info, "min", None)
        self.high = getattr(info, "max", None)
        self.empty_clears = empty_clears

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        multi = param.multiple or param.nargs == -1
        if value is None:
            return () if multi else None
        if multi:
            if isinstance(value, str):
                raise typer.BadParameter("Value must be an iterable.", ctx=ctx, param=param)
            return [self._one(item, param, ctx) for item in value]
        return self._one(value, param, ctx)

    def _one(self, value: Any, param: Any, ctx: Any) -> Any:
        if isinstance(value, str) and (found := CONTROL.search(value)):
            where = "a line break" if found.group() == "\r" else "the control character"
            raise BadInput(
                f"{_shown_name(param)} contains {where} U+{ord(found.group()):04X}; type plain text"
            )
        if isinstance(value, str) and not value.strip() and not self.empty_clears:
            name = _shown_name(param)
            if name.startswith("--") and not param.required:
                raise BadInput(f"{name} must not be empty (leave {name} out for its default)")
            raise BadInput(f"{name} must not be empty")
        if self.kind is bool or isinstance(value, self.kind):
            number = value
        elif self.kind is int:
            text = str(value).strip()
            if not _WHOLE.match(text):
                raise typer.BadParameter(
                    f"{value!r} is not a whole number.", ctx=ctx, param=param
                ) from None
            number = int(text)
        else:
            return self.kind(value)
        if self.kind is int:
            if abs(number) > _LARGEST:
                raise BadInput(
                    f"{_shown_name(param)} {text} is too large; give a whole number up to "
                    f"{self.high if self.high is not None else _LARGEST}"
                )
            if self.low is not None and number < self.low:
                raise typer.BadParameter(
                    f"{number} is below the minimum of {self.low}.", ctx=ctx, param=param
                )
            if self.high is not None and number > self.high:
                raise typer.BadParameter(
                    f"{number} is above the maximum of {self.high}.", ctx=ctx, param=param
                )
        return number


def _plain_kind(annotation: Any) -> type | None:
    if get_origin(annotation) is list:
        args = get_args(annotation)
        return args[0] if len(args) == 1 and args[0] in _PLAIN else None
    return annotation if annotation in _PLAIN else None


# Help shows what a value is ("--date DATE"), not its Python type ("--date <str>").
_METAVARS = {
    **dict.fromkeys(
        ("date", "week", "joined", "on", "as-of", "since", "heard", "decision"), "DATE"
    ),
    **dict.fromkeys(("from", "to"), "MEMBER"),
    "at": "WHEN",
    "status": "STATUS",
    "verdict": "VERDICT",
    "type": "TYPE",
    "phone": "PHONE",
    "email": "EMAIL",
    "sub": "NAME",
    "name": "NAME",
    "select": "CODES",
    "ignore": "CODES",
    "format": "FORMAT",
    "by": "KEY",
    "preset": "PRESET",
}
_BY_KIND = {str: "TEXT", int: "N", Path: "PATH"}


def _name_value(param: Any, kind: type) -> None:
    if getattr(param, "is_flag", False) or kind is bool:
        return
    opts = [o for o in getattr(param, "opts", ()) if o.startswith("--")]
    if opts:
        if param.metavar is None:
            param.metavar = _METAVARS.get(opts[0][2:], _BY_KIND.get(kind, "TEXT"))
    else:
        if param.metavar is None and getattr(param, "name", None):
            name = param.name.upper()
            param.metavar = name.removesuffix("S") if param.nargs == -1 else name
        # An argument's help row says what it is, not "<str>"; usage reads "ID", not "{ID}".
        param.display_type_rich = lambda ctx: None
        usage = param.metavar if param.required else f"[{param.metavar}]"
        usage += "..." if param.nargs != 1 else ""
        param.get_usage_pieces = lambda ctx: [usage]


def _lighten_param(param: Any, clears: frozenset[str] = frozenset()) -> None:
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or getattr(param, "_runtime_param", "absent") is not None:
        return
    if getattr(descriptor, "file_annotation", None) is not None:
        return
    kind = _plain_kind(descriptor.annotation)
    if kind is not None:
        param._runtime_param = PlainParam(
            kind, descriptor.parameter_info, empty_clears=param.name in clears
        )
        _name_value(param, kind)


def lighten(command: Any) -> Any:
    """Give every plain parameter of ``command`` and its subcommands the plain coercer."""
    clears = getattr(getattr(command, "callback", None), _CLEARS, frozenset())
    for param in getattr(command, "params", ()):
        _lighten_param(param, clears)
    make_help = getattr(command, "get_help_option", None)
    if make_help is not None and not getattr(make_help, "lightened", False):
        # The help option is made on first use, from the context.
        def get_help_option(ctx: Any, _make: Any = make_help) -> Any:
            option = _make(ctx)
            if option is not None:
                _lighten_param(option)
            return option

        get_help_option.lightened = True  # type: ignore[attr-defined]
        command.get_help_option = get_help_option
    for sub in getattr(command, "commands", {}).values():
        lighten(sub)
    return command
