"""The errors leadcli reports, each with the exit code of SPEC section 7."""

from __future__ import annotations

EXIT_OK = 0
EXIT_DOMAIN = 1
EXIT_USAGE = 2
EXIT_ATTENTION = 3
EXIT_BUSY = 75
EXIT_INTERRUPTED = 130


class LeadcliError(Exception):
    """An error meant for the user: one line, and an exit code."""

    exit_code = EXIT_DOMAIN

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(LeadcliError):
    """A member, meeting, lead or rule that does not exist."""


class Conflict(LeadcliError):
    """The change clashes with what is recorded (a taken category, a left member)."""


class Ambiguous(LeadcliError):
    """A name that matches several members."""


class BadInput(LeadcliError):
    """A value that cannot be parsed or is out of range."""

    exit_code = EXIT_USAGE


class SchemaTooNew(LeadcliError):
    """The file was written by a newer leadcli."""


class ReadOnly(LeadcliError):
    """The group file, its directory or its file system cannot be written."""


class DiskFull(LeadcliError):
    """A write failed because the disk is full."""


class Busy(LeadcliError):
    """The database stayed locked past the busy timeout."""

    exit_code = EXIT_BUSY
