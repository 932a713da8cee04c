"""What a command (``due``, ``status``, ``render``, ``site``) says about the files it left out
because of errors. Not a ``validate`` format: not in :data:`samverkan.reporters.REPORTERS`."""

from __future__ import annotations

from collections.abc import Sequence

from ..diagnostics import Diagnostic
from ..i18n import ngettext
from .concise import line

__all__ = ["left_out_lines"]


def left_out_lines(errors: Sequence[Diagnostic]) -> list[str]:
    """Each error on a line (``path:line:col: error[CODE] message``, in the reader's
    language), then the files left out."""
    files = sorted({d.span.path for d in errors})
    if not files:
        return []
    said = ngettext(
        "{n} file left out because of errors: {files}",
        "{n} files left out because of errors: {files}",
        len(files),
    )
    return [*(line(d) for d in errors), said.format(n=len(files), files=", ".join(files))]
