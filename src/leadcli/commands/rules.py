"""`leadcli rules`: the hot-lead rule catalogue."""

from __future__ import annotations

import typer

from leadcli import console
from leadcli.checking import SEVERITY
from leadcli.commands import _common, _complete
from leadcli.rules import Rule, all_rules, get_rule
from leadcli.words import plural

app = _common.group()


def _points(rule: Rule) -> str:
    """What a rule is worth: "required", "warning" or its points."""
    return str(rule.points) if rule.kind == "points" else rule.kind


@app.command("list")
def list_(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Every rule: code, name, points and what it checks. Required rules come first."""
    rules = sorted(all_rules(), key=lambda r: (SEVERITY.get(r.code[0], 4), r.code))
    if as_json:
        console.write_json(
            [
                {
                    "code": r.code,
                    "name": r.name,
                    "kind": r.kind,
                    "points": r.points,
                    "summary": r.summary,
                    "skipped_for": sorted(r.skips),
                }
                for r in rules
            ]
        )
        return
    grid = console.table("code", "name", "points", "checks", numeric=["points"])
    for r in rules:
        console.row(grid, r.code, r.name, _points(r), r.summary)
    console.out().print(grid)
    total = sum(r.points for r in rules)
    console.say(
        f"{plural(len(rules), 'rule')}; a lead can earn {plural(total, 'point')} (see `leadcli rules explain CODE`)"
    )


@app.command("explain")
def explain(
    code: str = typer.Argument(..., help="A rule code, e.g. H106.", autocompletion=_complete.rule),
) -> None:
    """Why a rule matters, with a passing and a failing example. It also says which leads it
    applies to."""
    from leadcli.rules.examples import applicability

    found = get_rule(code)
    worth = plural(found.points, "point") if found.points else found.kind
    console.say(f"{found.code} {found.name} ({worth})")
    console.say("")
    for line in found.doc.splitlines():
        console.say(line)
    if found.threshold:
        console.say("")
        console.say("Threshold")
        import textwrap

        for line in textwrap.wrap(
            found.threshold, 84, initial_indent="    ", subsequent_indent="    "
        ):
            console.say(line)
    console.say("")
    console.say("Applies to (each kind of lead, with an example and what the rule makes of it)")
    for kind, example, result in applicability(found):
        word = "skipped" if result.status == "skip" else "applies"
        console.say(f"    {kind}: {word}")
        console.say(f"        e.g. {example}")
        console.say(f"        {result.status}: {result.message}")
