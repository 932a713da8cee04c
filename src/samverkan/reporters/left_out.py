"""What a command (``due``, ``status``, ``render``, ``site``) says about the files it left out
because of errors. Not a ``validate`` format: not in :data:`samverkan.reporters.REPORTERS`."""

from __future__ import annotations

import os
from collections.abc import Sequence

from ..diagnostics import Diagnostic
from ..discovery import NO_FILES
from ..i18n import ngettext
from .concise import line

__all__ = ["left_out_lines"]


def left_out_lines(errors: Sequence[Diagnostic]) -> list[str]:
    """Each error on a line (``path:line:col: error[CODE] message``, in the reader's
    language), then the files left out (a path that does not exist, or a folder that cannot be
    read, is an error but no file left out)."""
    if not errors:
        return []
    lines = [line(d) for d in errors]
    # os.path.isdir is False for a path that cannot be seen; Path.is_dir raises PermissionError
    files = sorted({d.span.path for d in errors if d.code != NO_FILES and not os.path.isdir(d.span.path)})  # noqa: PTH112
    if not files:
        return lines
    said = ngettext(
        "{n} file left out because of errors: {files}",
        "{n} files left out because of errors: {files}",
        len(files),
    )
    return [*lines, said.format(n=len(files), files=", ".join(files))]
