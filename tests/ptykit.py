"""Driving leadcli through a pseudo-terminal of 80x24, as a person at a terminal would.

A conversation answers each prompt by what it asks (a piece of the question), never by its
position: rewording or adding a question breaks nothing but the questions a test names.
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
from pathlib import Path

import pexpect

# The last line of the output, waiting for an answer: it ends "...: " or "...? " or "[x]: ".
PROMPT = re.compile(r"([^\r\n]*[:?\]]) $")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
ROWS, COLUMNS = 24, 80


def spawn(db: Path, *args: str, env: dict[str, str] | None = None) -> pexpect.spawn:
    """leadcli in a new process on a pseudo-terminal of 24 rows by 80 columns."""
    full = dict(os.environ) | {"TERM": "xterm", "COLUMNS": str(COLUMNS), "LINES": str(ROWS)}
    full |= env or {}
    return pexpect.spawn(
        sys.executable,
        ["-m", "leadcli", "--db", str(db), *args],
        env=full,
        dimensions=(ROWS, COLUMNS),
        encoding="utf-8",
        codec_errors="replace",
        timeout=120,  # a loaded machine is slow; a passing test never waits this long
    )


class Talk:
    """A conversation: the prompts seen, the answers given, and everything printed."""

    def __init__(self, child: pexpect.spawn) -> None:
        self.child = child
        self.prompts: list[str] = []
        self.chunks: list[str] = []

    @property
    def screen(self) -> str:
        """Everything printed so far, without color codes, lines ended by \\n."""
        return ANSI.sub("", "".join(self.chunks)).replace("\r\n", "\n").replace("\r", "")

    @property
    def flat(self) -> str:
        """The screen with every run of white space one space: a message the terminal's width
        wrapped between words reads whole."""
        return " ".join(self.screen.split())

    def next_prompt(self) -> str | None:
        """Wait for the next question; None when the program ended."""
        found = self.child.expect([PROMPT, pexpect.EOF])
        self.chunks.append(self.child.before or "")
        if found == 1:
            return None
        self.chunks.append(self.child.after)
        label = ANSI.sub("", self.child.match.group(1)).strip()
        self.prompts.append(label)
        return label

    def say(self, answer: str) -> None:
        self.child.sendline(answer)

    def answer(self, answers: dict[str, str | list[str]], limit: int = 200) -> None:
        """Answer every prompt until the program ends: the first key found in the question
        (case-sensitive) gives the answer; a list is used up in turn; Enter otherwise."""
        pending = {k: list(v) if isinstance(v, list) else v for k, v in answers.items()}
        for _ in range(limit):
            label = self.next_prompt()
            if label is None:
                return
            self.say(self.pick(pending, label))
        raise AssertionError(f"still asking after {limit} answers: {self.prompts[-5:]}")

    @staticmethod
    def pick(pending: dict[str, str | list[str]], label: str) -> str:
        for key, value in pending.items():
            if key in label:
                if isinstance(value, list):
                    return value.pop(0) if value else ""
                return value
        return ""

    def interrupt(self) -> None:
        self.child.sendintr()

    def finish(self) -> int:
        """Wait for the end; the exit status."""
        self.child.expect(pexpect.EOF)
        self.chunks.append(self.child.before or "")
        self.child.close()
        status = self.child.exitstatus
        assert status is not None, f"killed by signal {self.child.signalstatus}"
        return status


def dump(db: Path) -> str:
    """The whole group file as SQL: compared before and after to prove nothing was written."""
    with sqlite3.connect(db) as conn:
        return "\n".join(conn.iterdump())


def rows(db: Path, sql: str, *args: object) -> list[sqlite3.Row]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()
