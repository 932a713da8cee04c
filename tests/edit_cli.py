"""What the tests of ``record`` and ``extend`` share: the two commands as an app of their own,
and an open-ended agreement to review (``bundled``, a copy of the agreements to edit, is in
``conftest.py``)."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner, Result

from samverkan.cli_edit import extend as extend_command
from samverkan.cli_edit import record_app

ROOT = Path(__file__).resolve().parent.parent

APP = typer.Typer(rich_markup_mode=None)
APP.add_typer(record_app, name="record")
APP.command("extend")(extend_command)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(APP, list(args))


OPEN_ENDED = """\
kind: agreement
id: ort-2017
title: Samverkansöverenskommelse
parties:
  - {id: k, kind: municipality, name: Orts kommun}
  - {id: p, kind: police, name: Lokalpolisområde Ort}
period:
  start: 2017-12-19
extension:
  type: open-ended
  review_every_years: 3
signing: {place: Ort, date: 2017-12-19}
"""
"""An agreement in force until further notice, reviewed every three years."""
