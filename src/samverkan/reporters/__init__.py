"""Output formats. The CLI's ``--format`` choices are this registry's keys."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from ..report import Report
from . import concise, github, json_format, junit, sarif, text

Reporter = Callable[[Report, TextIO], None]

REPORTERS: dict[str, Reporter] = {
    "text": text.write,
    "concise": concise.write,
    "json": json_format.write,
    "github": github.write,
    "sarif": sarif.write,
    "junit": junit.write,
}

__all__ = ["REPORTERS", "Reporter"]
