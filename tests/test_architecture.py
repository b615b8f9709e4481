"""The parts of the package import each other only in the allowed directions, with no cycle.

Each part's ``__init__.py`` (or module docstring) says what it owns and what it may
import; this test holds the code to it, reading every module's imports from its source
(those inside functions too), so that no run of the code is needed to find a wrong one.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "quotes"
# The base every part may import.
BASE = frozenset({"quotes.errors", "quotes.model"})
# What each part may import of the package besides itself and BASE. A part is a
# subpackage or a top-level module; the CLI, and nothing else, may import every part.
ALLOWED: dict[str, frozenset[str]] = {
    "quotes.errors": frozenset(),
    "quotes.model": frozenset(),
    "quotes.batches": frozenset(),
    "quotes.nlp": frozenset({"quotes.batches"}),
    "quotes.extract": frozenset(),
    "quotes.run": frozenset({"quotes.nlp", "quotes.extract", "quotes.batches"}),
    "quotes.report": frozenset(),
    "quotes.evaluate": frozenset(),
    "quotes.review": frozenset({"quotes.report"}),
    # Checking quotes against sources reads source files as `analyze` reads inputs.
    "quotes.verify": frozenset({"quotes.run"}),
    "quotes.pipeline": frozenset({"quotes.nlp", "quotes.run"}),
    "quotes.component": frozenset({"quotes.nlp", "quotes.extract"}),
    "quotes": frozenset({"quotes.nlp", "quotes.extract", "quotes.pipeline"}),
}
CLI = "quotes.cli"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def part_of(module: str) -> str:
    """The part a module belongs to: the longest part name it is or lies in."""
    if module == CLI:
        return CLI
    parts = [part for part in ALLOWED if module == part or module.startswith(part + ".")]
    if not parts:
        raise AssertionError(f"{module} belongs to no part: add it to ALLOWED with what it may import")
    return max(parts, key=len)


def imports(module: str, *, top_level_only: bool = False) -> Iterator[str]:
    """The modules of the package that ``module`` imports (a name imported from a package
    that is a module of its own counts as that module)."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    for node in nodes:
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name.split(".")[0] == "quotes")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                source = ".".join([*base, node.module] if node.module else base)
            else:
                source = node.module or ""
            if source.split(".")[0] != "quotes":
                continue
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                yield submodule if submodule in MODULES else source


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_module_imports_only_what_its_part_may(module: str) -> None:
    part = part_of(module)
    for imported in imports(module):
        if part == CLI:
            continue
        theirs = part_of(imported)
        assert theirs != CLI, f"{module} imports the CLI"
        assert theirs == part or theirs in BASE | ALLOWED[part], (
            f"{module} ({part}) imports {imported} ({theirs}), which {part} may not import"
        )


def test_no_module_is_in_an_import_cycle() -> None:
    graph = {module: set(imports(module, top_level_only=True)) - {module} for module in MODULES}
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycle = [*path[path.index(module) :], module]
            raise AssertionError("import cycle: " + " -> ".join(cycle))
        if module in done:
            return
        for imported in sorted(graph[module]):
            visit(imported, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])


def test_every_part_says_what_it_owns_and_may_import() -> None:
    for part in ALLOWED:
        docstring = ast.get_docstring(ast.parse(MODULES[part].read_text(encoding="utf-8"))) or ""
        assert docstring, f"{part} has no docstring"
        if MODULES[part].name == "__init__.py" and part != "quotes":
            assert "May import" in docstring, f"{part}'s docstring does not say what it may import"
