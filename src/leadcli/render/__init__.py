"""Weekly report renderers; each turns a ``reports.Weekly`` into text of one format."""

from __future__ import annotations

import importlib

FORMATS = {
    "text": "leadcli.render.text",
    "markdown": "leadcli.render.markdown",
    "json": "leadcli.render.jsondoc",
    "csv": "leadcli.render.csvfile",
    "html": "leadcli.render.html",
}


def renderer(fmt: str):  # type: ignore[no-untyped-def]
    """The ``render(weekly, color=False, width=100) -> str`` function of a format."""
    return importlib.import_module(FORMATS[fmt]).render
