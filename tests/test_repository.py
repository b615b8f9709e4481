"""The repository keeps its promises: CI runs the README's test command."""

from __future__ import annotations

import re

from .conftest import ROOT


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The two commands", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section, flags=re.S)


def test_ci_runs_exactly_the_readme_test_command() -> None:
    install_and_run, test = _readme_commands()
    assert "pytest" in test and "pytest" not in install_and_run
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci.splitlines()
