"""Building leads in tests: a complete hot direct referral, and options to spoil it."""

from __future__ import annotations

LONG = (
    "John Smith owns Acme Plumbing and is opening a second shop on Main Street in January; he needs "
    "the whole building re-piped, a new water heater and a maintenance contract for both shops, "
    "and asked for a quote this week."
)


def hot(**overrides: str | bool | None) -> list[str]:
    """Arguments of `lead add` for a lead that passes every rule; overrides replace or drop options.

    ``overrides`` map an option name (``to``, ``phone``, ``may_use_name``...) to a value, to
    ``None`` (leave the option out) or, for yes/no facts, to True/False.
    """
    options: dict[str, str | bool | None] = {
        "from": "Ann",
        "to": "Bob",
        "type": "direct-referral",
        "company": "Acme Plumbing Inc",
        "contact": "John Smith",
        "title": "Owner",
        "phone": "415-555-0142",
        "email": "john@acme.example",
        "description": LONG,
        "need": "Re-piping and a water heater before the January opening",
        "heard": "2026-11-16",
        "date": "2026-11-18",
        "public": False,
        "may_use_name": True,
        "expecting_call": True,
        "need_discussed": True,
        "decision": "2026-12-15",
        "source": "past client",
        "intent": "buying",
    }
    options.update(overrides)
    negative = {
        "public": "--not-public",
        "may_use_name": "--may-not-use-name",
        "expecting_call": "--not-expecting-call",
        "need_discussed": "--need-not-discussed",
        "decision_maker": "--not-decision-maker",
    }
    args = ["lead", "add"]
    for key, value in options.items():
        if value is None:
            continue
        flag = "--" + key.replace("_", "-")
        if isinstance(value, bool):
            args.append(flag if value else negative[key])
        else:
            args += [flag, value]
    return args
