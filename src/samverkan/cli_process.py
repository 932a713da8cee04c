"""Settings of a samverkan process, which the command-line interface imports first; a program that
imports samverkan's other modules keeps Python's and Pydantic's defaults.

* **No sweep at exit.** When the interpreter exits it runs the cycle collector over every object
  still alive: some 40 ms for the classes, schemas and tables that samverkan, Pydantic and Typer
  hold, to free memory that the operating system takes back anyway. ``gc.freeze()``, as the last
  exit handler, puts those objects out of the collector's reach. Nothing else changes: standard
  streams are flushed, the other exit handlers (which run before it) and ``weakref.finalize``
  callbacks run, and objects that are not in a reference cycle are freed as before.
* **No Pydantic plugins** (``PYDANTIC_DISABLE_PLUGINS``, unless it is set already): plugins only
  observe validation, and looking for them reads every installed package's entry points. A
  validator read from the cache (:func:`samverkan.validation.validator_for`) has none either, so
  a run validates the same way whether or not the validator was cached. Typer builds its own
  adapters without plugins too.

And what the defaults of ``--jobs`` count: :func:`usable_cpus`, and for the commands that make
files (``render``, ``site``) :func:`making_jobs`.
"""

import atexit
import gc
import os

atexit.register(gc.freeze)
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def usable_cpus() -> int:
    """The CPUs this process may run on: those it is bound to (``taskset``, a container's CPU
    set) where the system says, else every CPU of the machine."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


MAKING_JOBS_AT_MOST = 4
"""Each process of a site or a render shares the loaded files with the others only until it
touches them, so a large machine does not get one per CPU by default."""


def making_jobs() -> int:
    """The default ``--jobs`` of ``render`` and ``site``: one process per CPU this process may
    use (:func:`usable_cpus`), at most :data:`MAKING_JOBS_AT_MOST`."""
    return min(usable_cpus(), MAKING_JOBS_AT_MOST)
