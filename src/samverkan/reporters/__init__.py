"""Output formats of ``validate``. The CLI's ``--format`` choices are this registry's keys.

The registry is light: each entry imports its module only when it is used, so that a run
answered from the cache never imports the rules (and with them Pydantic) for SARIF's rule list.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..report import Report

Reporter = Callable[["Report", TextIO], None]


def _lazy(module: str) -> Reporter:
    def write(report: Report, stream: TextIO) -> None:
        importlib.import_module(f"{__name__}.{module}").write(report, stream)

    return write


REPORTERS: Mapping[str, Reporter] = MappingProxyType(
    {
        "text": _lazy("text"),
        "concise": _lazy("concise"),
        "json": _lazy("json_format"),
        "github": _lazy("github"),
        "sarif": _lazy("sarif"),
        "junit": _lazy("junit"),
    }
)

__all__ = ["REPORTERS", "Reporter"]
