"""Shell completion, driven as the shell drives it: a new process with ``_LEADCLI_COMPLETE`` set."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Invoke, probe


def _environment(line: str, shell: str) -> dict[str, str]:
    env = {"_LEADCLI_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        env["COMP_WORDS"] = line
        env["COMP_CWORD"] = str(len(line.split(" ")) - 1)
    else:
        env["_TYPER_COMPLETE_ARGS"] = line
    return env


def complete(line: str, *, shell: str = "bash", env: dict[str, str] | None = None) -> list[str]:
    """What ``leadcli`` offers for Tab at the end of ``line``, asked as the shell's script asks:
    a new process with ``_LEADCLI_COMPLETE`` set."""
    full_env = dict(os.environ, **(env or {}), **_environment(line, shell))
    result = subprocess.run(
        [sys.executable, "-m", "leadcli"], capture_output=True, text=True, env=full_env
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return [x for x in result.stdout.splitlines() if x]


def complete_here(line: str) -> list[str]:
    """The same, in this process (for the many cases; start-up is tested with real processes)."""
    from typer.testing import CliRunner

    from leadcli.cli import app

    result = CliRunner().invoke(app, [], env=_environment(line, "bash"))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return [x for x in result.stdout.splitlines() if x]


@pytest.fixture
def roll(group: Invoke) -> Invoke:
    group("member", "add", "Tom O'Brien", "--category", "Florist", "--joined", "2026-01-07")
    group("member", "add", "Ada Ames", "--category", "Baker", "--joined", "2026-01-07")
    group("member", "leave", "Ada Ames", "--on", "2026-06-01")
    return group


def test_member_names_are_completed_in_every_place_a_member_is_named(roll: Invoke) -> None:
    # Ada Ames left: only the active member is offered while one matches.
    for line in MEMBER_PLACES:
        assert complete_here(line) == ["Ann\\ Archer"], line
    assert complete(MEMBER_PLACES[0]) == ["Ann\\ Archer"]


MEMBER_PLACES = [
    "leadcli member show A",
    "leadcli member edit A",
    "leadcli member leave A",
    "leadcli member quota A",
    "leadcli member attend Bob A",
    "leadcli member one-to-one Bob A",
    "leadcli member ceu A",
    "leadcli member testimonial A",
    "leadcli lead add --from A",
    "leadcli lead add --from Bob --to A",
    "leadcli lead list --to A",
    "leadcli visitor add Zoe --invited-by A",
    "leadcli category want Baker --from A",
]


def test_a_member_who_left_is_offered_when_no_active_member_matches(roll: Invoke) -> None:
    assert complete("leadcli member show Ad") == ["Ada\\ Ames"]


def test_names_are_escaped_for_bash_and_quoted_for_zsh_and_fish(roll: Invoke) -> None:
    assert complete("leadcli member show To") == ["Tom\\ O\\'Brien"]
    assert complete("leadcli member show To", shell="zsh") == [
        "_arguments '*: :((\"Tom O''Brien\"))'"
    ]
    fish = complete(
        "leadcli member show To", shell="fish", env={"_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    )
    assert fish == ["Tom O'Brien"]


def test_every_member_is_offered_for_an_empty_word(roll: Invoke) -> None:
    offered = complete("leadcli member quota ")
    assert offered == ["Ann\\ Archer", "Bob\\ Baker", "Cat\\ Cole", "Dan\\ Dale", "Tom\\ O\\'Brien"]


@pytest.mark.parametrize(
    ("line", "offered"),
    [
        (
            "leadcli lead add --type ",
            ["direct-referral", "member-need", "specific-service", "general-opportunity"],
        ),
        ("leadcli lead edit 1 --type s", ["specific-service"]),
        (
            "leadcli lead list --status ",
            ["research", "new", "contacted", "appointment", "proposal", "won", "lost"],
        ),
        (
            "leadcli lead update 1 --status ",
            ["new", "contacted", "appointment", "proposal", "won", "lost"],
        ),
        ("leadcli member attend Bob --status s", ["substitute"]),
        ("leadcli member attend --status ", ["present", "absent", "late", "medical", "substitute"]),
        ("leadcli lead list --verdict ", ["HOT", "WARM", "COLD", "INCOMPLETE"]),
        ("leadcli lead add --intent p", ["price-shopping"]),
        ("leadcli lead add --prospect ", ["business", "person"]),
        ("leadcli report weekly --format m", ["markdown"]),
        ("leadcli report sources --by g", ["giver"]),
        ("leadcli export leads --format ", ["csv", "json"]),
        ("leadcli init --preset l", ["letip", "leadsclub"]),
    ],
)
def test_fixed_words_are_completed(line: str, offered: list[str]) -> None:
    assert complete_here(line) == offered


def test_categories_are_completed_from_the_group_file(roll: Invoke) -> None:
    roll("category", "want", "Plasterer", "--from", "Bob")
    assert complete_here("leadcli member add Zoe --category Pl") == ["Plasterer", "Plumber"]
    assert complete_here("leadcli visitor add Zoe --category B") == ["Baker"]  # one who left
    assert complete_here("leadcli category sphere Flo") == ["Florist"]


def test_setting_keys_are_completed() -> None:
    from leadcli import settings

    wanted = [k for k in settings.SETTINGS if k.startswith("attendance.")]
    assert wanted
    assert complete("leadcli config get attendance.") == wanted
    assert complete_here("leadcli config set attendance.") == wanted
    assert complete_here("leadcli config get ") == list(settings.SETTINGS)


def test_rule_codes_are_completed() -> None:
    from leadcli import rules

    codes = [r.code for r in rules.all_rules() if r.code.startswith("H1")]
    assert codes and complete_here("leadcli rules explain H1") == codes


def test_the_group_file_named_by_db_is_read(group: Invoke, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    group("--db", str(other), "init", "--name", "Uptown")
    group("--db", str(other), "member", "add", "Amy Adler", "--category", "Dentist")
    assert complete(f"leadcli --db {other} member show A") == ["Amy\\ Adler"]
    assert complete("leadcli member show A") == ["Ann\\ Archer"]
    assert complete("leadcli member show A", env={"LEADCLI_DB": str(other)}) == ["Amy\\ Adler"]


def test_a_missing_group_file_completes_nothing_and_is_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "group.db"
    assert complete(f"leadcli --db {missing} member show ") == []
    assert complete("leadcli lead add --from ", env={"LEADCLI_DB": str(missing)}) == []
    assert not missing.parent.exists()
    default = tmp_path / "group.db"  # LEADCLI_DB of every test
    assert complete("leadcli member quota ") == []
    assert complete("leadcli lead list --to ") == []
    assert not default.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_is_no_group_completes_nothing(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    assert complete(f"leadcli --db {junk} member show ") == []
    assert complete(f"leadcli --db {junk} member add Zoe --category ") == []
    assert junk.read_bytes() == b"not a database at all" * 100
    assert sorted(p.name for p in tmp_path.iterdir()) == ["junk.db"]


def test_completing_leaves_the_group_file_as_it_was(roll: Invoke, db_path: Path) -> None:
    before = (db_path.read_bytes(), sorted(p.name for p in db_path.parent.iterdir()))
    assert complete("leadcli member show B") == ["Bob\\ Baker"]
    after = (db_path.read_bytes(), sorted(p.name for p in db_path.parent.iterdir()))
    assert after == before


def test_commands_and_options_are_completed(group: Invoke) -> None:
    assert complete_here("leadcli mem") == ["member"]
    assert "--status" in complete_here("leadcli lead list --s")


def test_the_root_offers_install_and_show_completion(cli: Invoke) -> None:
    help_text = cli("--help").stdout
    assert "--install-completion" in help_text
    assert "--show-completion" in help_text


def _root(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    # Typer's switch to name the shell rather than detect it from the parent process.
    env = dict(os.environ, _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1", HOME=str(home))
    return subprocess.run(
        [sys.executable, "-m", "leadcli", *args], capture_output=True, text=True, env=env
    )


def test_show_completion_prints_the_script_for_the_shell(tmp_path: Path) -> None:
    script = _root("--show-completion", "bash", home=tmp_path)
    assert script.returncode == 0, script.stderr
    assert "_LEADCLI_COMPLETE=complete_bash" in script.stdout
    assert "complete -o default -F _leadcli_completion leadcli" in script.stdout
    zsh = _root("--show-completion", "zsh", home=tmp_path)
    assert "compdef _leadcli_completion leadcli" in zsh.stdout
    assert list(tmp_path.iterdir()) == []  # showing writes nothing


def test_install_completion_adds_the_script_to_the_shell_start_up(tmp_path: Path) -> None:
    done = _root("--install-completion", "bash", home=tmp_path)
    assert done.returncode == 0, done.stderr
    script = tmp_path / ".bash_completions" / "leadcli.sh"
    assert "_LEADCLI_COMPLETE=complete_bash" in script.read_text()
    assert f"source '{script}'" in (tmp_path / ".bashrc").read_text()
    assert not (tmp_path / "group.db").exists()


@pytest.mark.parametrize(
    ("args", "module"),
    [
        (["member", "quota", "Ann"], "leadcli.commands.member_quota"),
        (["member", "show", "Ann"], "leadcli.commands.member"),
        (["lead", "list", "--from", "Ann"], "leadcli.commands.lead_view"),
        (["config", "get", "group.name"], "leadcli.commands.config"),
    ],
)
def test_ordinary_commands_do_not_load_the_completion_code(
    group: Invoke, args: list[str], module: str
) -> None:
    found, _ = probe(args, "sorted(sys.modules)")
    modules = set(found)
    assert module in modules  # the command ran
    assert "leadcli.completion" not in modules
