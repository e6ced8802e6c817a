"""Light value classes for the modules every often-run command loads.

A dataclass writes the source of its methods and compiles it each time its module is imported
(about half a millisecond a class, twenty of them on the way to `lead check`). A ``Record``
is written out once: its ``__slots__`` name its fields in order, its ``__init__`` is written by
hand, and it shares the rest of what a dataclass gives: equality of the same class with the
same fields, a ``Name(field=value, ...)`` repr, a hash of the fields, and ``replace``.

Slots whose name starts with an underscore are caches, not fields: they are left out of
equality, repr, hash and ``replace``. Records are never changed once made (by convention: a
frozen class would pay on every field it sets).
"""

from __future__ import annotations

from typing import Any, TypeVar

R = TypeVar("R", bound="Record")


class Record:
    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def __init_subclass__(cls) -> None:
        cls._fields = names(cls)

    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self._fields])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({shown})"


def names(cls: type) -> tuple[str, ...]:
    """The fields of a record class, in order: its slots but the caches."""
    return tuple(name for name in cls.__dict__.get("__slots__", ()) if name[0] != "_")


def replace(record: R, **changes: Any) -> R:
    """A copy of ``record`` with some fields changed (as ``dataclasses.replace``)."""
    values = {name: getattr(record, name) for name in record._fields}
    unknown = set(changes) - set(values)
    if unknown:
        raise TypeError(f"{type(record).__name__} has no field {', '.join(sorted(unknown))}")
    return type(record)(**(values | changes))
