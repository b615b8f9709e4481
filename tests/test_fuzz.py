"""The atheris fuzz target (fuzz_analyze.py), run for a bounded number of inputs.

It starts from tests/data/fuzz_seeds, with a fixed seed so a failure here repeats;
`QUOTES_FUZZ_RUNS` sets how many inputs (default 2,000, about 20 s here). It skips with
the reason where atheris is not installed (it has wheels for Linux x86_64 only).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.model

SEEDS = ROOT / "tests" / "data" / "fuzz_seeds"
RUNS = int(os.environ.get("QUOTES_FUZZ_RUNS", "2000"))


def test_fuzz_target_finds_no_crash(tmp_path: Path) -> None:
    if importlib.util.find_spec("atheris") is None:
        pytest.skip("atheris is not installed (the test extra has it on Linux x86_64)")
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.fuzz_analyze",
            f"-runs={RUNS}",
            "-seed=1",
            "-max_len=2048",
            f"-artifact_prefix={tmp_path}/",
            str(corpus),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    crashes = sorted(path.name for path in tmp_path.glob("crash-*"))
    assert result.returncode == 0 and not crashes, result.stderr[-3000:]
    assert f"Done {RUNS} runs" in result.stderr
