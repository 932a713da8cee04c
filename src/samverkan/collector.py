"""The cyclic garbage collector, paused for a command's work.

A command reads a corpus into hundreds of thousands of objects that live until it ends. The
cyclic collector scans them again and again as more objects are made, and finds next to
nothing to free: on 1,000 files it was about a third of ``due``'s and ``status``' time, and
the peak memory is the same without it (reference counting still frees what nothing refers
to). A long-lived process (the tests, an editor's server) keeps it on; the command-line
process, which ends with its command, turns it off for good (:func:`off_for_process`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Run the block with the cyclic garbage collector off; on again after, if it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def off_for_process() -> None:
    """Turn the collector off for the rest of the process: for the command line, which ends when
    its command does. Turned back on at the end of a command, its first pass scans every object
    the command made and still holds (on a 1,000-file ``site``, 0.7 s of 15) just before the
    process lets go of them all."""
    gc.disable()
