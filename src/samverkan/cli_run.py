"""What ``validate``, ``due`` and ``status`` share below Typer, and ``validate`` itself.

``validate`` of a few files is the run a pre-commit hook and an editor make on every commit and
save, so its work is here, in a module that imports neither Typer nor Rich:
:mod:`samverkan.cli_fast` calls :func:`validate_files` without Typer, and the ``validate`` command
of :mod:`samverkan.cli` calls it with what Typer parsed. A value that Typer must report (an unknown
format or rule code, an unusable configuration) raises :class:`Unusable` before anything is read
or printed.
"""

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from .cache import Cache
    from .config import Config
    from .discovery import Found

DEFAULT_FOLDER = Path("agreements")
"""What a command reads when it is given no paths."""


class Unusable(Exception):
    """An option value the command cannot use: Typer's ``BadParameter`` (exit 2) for ``hint``, or,
    when ``hint`` is ``None``, ``message`` printed as it is (exit 2)."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def default_jobs() -> int:
    """The default ``--jobs``, from the CPUs this process may use (:func:`~samverkan.cli_process.usable_cpus`):
    on 2 CPUs two workers took 0.7 to 1.05 of one process's time in the README's Performance
    runs, while each worker is a copy of the main process, so one process there and one worker
    per CPU on larger machines."""
    from .cli_process import usable_cpus

    cpus = usable_cpus()
    return cpus if cpus > 2 else 1


def settings_key(settings: "Config") -> object:
    """What of a configuration a run's output depends on, for the run cache."""
    return (
        sorted(settings.severity.items()),
        sorted(settings.ignore),
        sorted(settings.select) if settings.select is not None else None,
        settings.strict,
    )


def run_command(
    command: str,
    options: object,
    paths: Sequence[Path],
    no_cache: bool,
    produce: "Callable[[Cache | None, Found, TextIO, TextIO], int]",
) -> int:
    """Run a command through :func:`samverkan.pipeline.run`, print what it printed and return
    its exit code."""
    from .collector import paused
    from .i18n import current
    from .pipeline import Output, replayable, run

    with paused():  # see samverkan.collector
        result = run(command, options, paths, produce, use_cache=not no_cache, replay=replayable(), language=current())
    if isinstance(result, Output):
        sys.stdout.write(result.out)
        sys.stderr.write(result.err)
        return result.code
    return result


def validate_files(
    paths: Sequence[Path] | None = None,
    *,
    output_format: str | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    strict: bool | None = None,
    config: Path | None = None,
    no_cache: bool = False,
    jobs: int | None = None,
    documents_only: bool = False,
) -> int:
    """``samverkan validate``: check the files and folders (``agreements/`` when none), print the
    report and return the exit code; :class:`Unusable` for an option it cannot use."""
    from .config import Config, ConfigError, find_config, load_config
    from .reporters import REPORTERS

    name = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    reporter = REPORTERS.get(name)
    if reporter is None:
        raise Unusable(f"choose from {', '.join(REPORTERS)}", "--format")
    config_path = config if config is not None else find_config(Path.cwd())
    settings = Config()
    if config_path is not None or select or ignore:
        from .cli_complete import rule_codes

        known = rule_codes()  # imports the rules: only when there is something to check against them
        try:
            settings = load_config(config_path, known)
        except ConfigError as exc:
            raise Unusable(f"samverkan: {exc.said()}") from None
        for code in [*(select or []), *(ignore or [])]:
            if not any(k.startswith(code.upper()) for k in known):
                raise Unusable(f"unknown rule code {code!r}", "--select/--ignore")
        settings = settings.with_options(select=select or (), ignore=ignore or (), strict=strict)
    elif strict is not None:
        settings = settings.with_options(strict=strict)
    folders = list(paths or [DEFAULT_FOLDER])
    key = (name, settings_key(settings), documents_only)

    def produce(cache: "Cache | None", found: "Found", out: TextIO, err: TextIO) -> int:
        from .api import check

        report = check(
            folders, settings, cache=cache, jobs=jobs or default_jobs(), found=found, documents_only=documents_only
        )
        reporter(report, out)
        return report.exit_code

    return run_command("validate", key, folders, no_cache, produce)


__all__ = ["DEFAULT_FOLDER", "Unusable", "default_jobs", "run_command", "settings_key", "validate_files"]
