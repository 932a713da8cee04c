"""Dates up to 9999-12-31: every command gives an answer in bounded time (target: under 5 s each).

Writes two agreements to a temporary folder: one in force from 0001-01-01 to 9999-12-31 (with a
recorded extension, weekly and monthly meeting cadences, weekly and yearly follow-ups and a
citizen promise in 9999), and one open-ended from 9990 reviewed every year with weekly meetings.
Then times `validate`, `due`, `status`, `render` (the follow-up report) and `site` at
`--as-of 0001-01-01` and `9999-12-31`, each as a whole process, and prints one line per run with
the exit code, the time and the target. Run by hand: `python bench/far_dates.py`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 5.0

FAR = """\
kind: agreement
id: far
title: Långt
parties:
  - {id: k, kind: municipality, name: Långby kommun}
  - {id: p, kind: police, name: LPO Långby}
period: {start: 0001-01-01, end: 9999-12-31}
extension: {type: renewal, years: 2, consultation_months_before: 6}
extensions: [{decided: 9999-01-01}]
organisation:
  groups:
    - {id: g, kind: working-group, name: Veckomöte, cadence: {unit: week, times: 1}}
    - {id: h, kind: steering-group, name: Styrgrupp, cadence: {unit: month, times: 2}}
follow_up:
  schedule:
    - {type: weekly, id: w}
    - {type: yearly, id: y}
citizen_promises:
  - id: lofte
    title: Löfte
    period: {start: 9999-01-01, end: 9999-12-31}
    promises: [{party: joint, text: Vi lovar.}]
    renewal: {text: Förnyas.}
"""

OPEN = """\
kind: agreement
id: open
title: Öppen
parties:
  - {id: k, kind: municipality, name: Öppenby kommun}
  - {id: p, kind: police, name: LPO Öppenby}
period: {start: 9990-01-01}
extension: {type: open-ended, review_every_years: 1}
organisation:
  groups:
    - {id: g, kind: working-group, name: Veckomöte, cadence: {unit: week, times: 1}}
"""


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="samverkan-far-"))
    try:
        (folder / "agreements").mkdir()
        (folder / "agreements" / "far.yaml").write_text(FAR, encoding="utf-8")
        (folder / "agreements" / "open.yaml").write_text(OPEN, encoding="utf-8")
        worst = 0.0
        for as_of in ("0001-01-01", "9999-12-31"):
            for args in (
                ["validate", "agreements"],
                ["due", "agreements", "--within", "all"],
                ["due", "agreements", "--format", "ics"],
                ["status", "agreements"],
                ["render", "agreements/far.yaml", "--document", "follow-up-report", "--out", f"out-{as_of}"],
                ["site", "agreements", "--out", f"site-{as_of}"],
            ):
                command = [sys.executable, "-m", "samverkan", *args, "--no-cache"]
                if args[0] != "validate":
                    command += ["--as-of", as_of]
                if args[0] in ("render", "site"):
                    command.remove("--no-cache")
                began = time.perf_counter()
                done = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
                seconds = time.perf_counter() - began
                worst = max(worst, seconds)
                crashed = "internal error" in done.stderr
                verdict = "met" if seconds <= TARGET_SECONDS and not crashed else "NOT MET"
                what = " ".join(args)
                print(f"{as_of}  {what:70}  exit {done.returncode}  {seconds:5.2f} s  ≤ {TARGET_SECONDS} s  {verdict}")
        print(f"slowest: {worst:.2f} s")
        return 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
