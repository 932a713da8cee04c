"""Imported by the command-line interface alone: a process that is ending does not sweep its memory.

When the interpreter exits it runs the cycle collector over every object still alive: some 40 ms
for the classes, schemas and tables that samverkan, Pydantic and Typer hold, to free memory that
the operating system takes back anyway. ``gc.freeze()``, as the last exit handler, puts those
objects out of the collector's reach. Nothing else changes: standard streams are flushed, the
other exit handlers (which run before it) and ``weakref.finalize`` callbacks run, and objects
that are not in a reference cycle are freed as before.
"""

from __future__ import annotations

import atexit
import gc

atexit.register(gc.freeze)
