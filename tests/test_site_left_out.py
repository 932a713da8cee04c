"""What the site leaves out when a configuration lets a file with errors through.

``examine`` leaves out every file with an error, but ``ignore`` or ``severity`` in the
configuration can switch SV106 (an id used twice) off or down to a warning: the site must still
leave such a file out, and say why. A schema finding cannot be switched off or down: a file
without a document stays an error (``tests/test_unchecked_files.py``).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from samverkan.config import Config
from samverkan.diagnostics import Severity
from samverkan.site.build import SiteRequest, build_site

ROOT = Path(__file__).resolve().parent.parent
UMEA = ROOT / "agreements" / "umea" / "umea-2021.yaml"
PROMISE = ROOT / "tests" / "cases" / "lifecycle" / "01-promise-own-file" / "exempelby-ml-2018.yaml"
AS_OF = dt.date(2022, 5, 21)

SWITCHED_OFF = {
    "ignored": lambda code: Config(ignore=frozenset({code})),
    "a warning": lambda code: Config(severity={code: Severity.WARNING}),
}


@pytest.fixture
def folder(repository: Path) -> Path:
    return repository / "agreements"


def _problems(config: Config) -> tuple[str, ...]:
    return build_site(SiteRequest(paths=(Path("agreements"),), as_of=AS_OF, config=config)).problems


@pytest.mark.parametrize("how", SWITCHED_OFF)
def test_an_agreement_whose_id_is_used_twice(folder: Path, how: str) -> None:
    shutil.copy(UMEA, folder / "a.yaml")
    shutil.copy(UMEA, folder / "b.yaml")
    assert _problems(SWITCHED_OFF[how]("SV106")) == (
        "agreements/b.yaml: agreement id 'umea-2021' is also used in agreements/a.yaml; left out",
    )


@pytest.mark.parametrize("how", SWITCHED_OFF)
def test_a_citizen_promise_whose_id_is_used_twice(folder: Path, how: str) -> None:
    shutil.copy(PROMISE, folder / "a.yaml")
    shutil.copy(PROMISE, folder / "b.yaml")
    problems = _problems(SWITCHED_OFF[how]("SV106"))
    assert len(problems) == 1, problems
    assert problems[0] == (
        "agreements/b.yaml: citizen promise id 'exempelby-ml-2018' is also used in agreements/a.yaml; left out"
    )


@pytest.mark.parametrize("how", SWITCHED_OFF)
def test_a_file_that_does_not_pass_the_schema(folder: Path, how: str) -> None:
    text = UMEA.read_text(encoding="utf-8").replace("\npurpose:", "\npurpse:", 1)
    (folder / "c.yaml").write_text(text, encoding="utf-8")
    assert _problems(SWITCHED_OFF[how]("SV020")) == (
        "agreements/c.yaml:9:1: error[SV020] unknown key 'purpse'; did you mean 'purpose'?",
        "1 file left out because of errors: agreements/c.yaml",
    )
