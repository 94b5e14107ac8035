"""The pure packages are pure by contract: no engine, reactor, database, logging, clock or I/O.

Extraction, normalization, paging, the profile model and navigation take a `str` or `Selector`
and return values, so every rule in them is testable with plain strings. This walks their
imports (and those of every project module they import) and their calls.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PURE = [
    "crawler/extract",
    "crawler/normalize",
    "crawler/paging",
    "crawler/site/model.py",
    "crawler/site/selectors.py",
    "crawler/navigation.py",
]
# Top-level modules a pure module may not import: the engine, the reactor, databases,
# logging, and the standard library's doors to files, processes and the network.
FORBIDDEN = {
    "scrapy", "twisted", "sqlite3", "logging", "os", "io", "pathlib", "shutil", "tempfile",
    "socket", "subprocess", "urllib.request", "http", "time", "tomllib", "spidermon",
}  # fmt: skip
# Calls that read the clock or touch files.
FORBIDDEN_CALLS = {"open", "now", "utcnow", "today", "print", "input"}


def _pure_files() -> list[Path]:
    files: list[Path] = []
    for entry in PURE:
        path = ROOT / entry
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return files


def _module_file(module: str) -> Path | None:
    base = ROOT / module.replace(".", "/")
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _violations(path: Path, seen: set[Path]) -> list[str]:
    if path in seen:
        return []
    seen.add(path)
    problems = []
    for module in sorted(_imports(path)):
        if any(module == bad or module.startswith(bad + ".") for bad in FORBIDDEN):
            problems.append(f"{path.relative_to(ROOT)} imports {module}")
        elif module.startswith("crawler."):
            target = _module_file(module)
            if target is not None and target != path:
                problems.extend(_violations(target, seen))
    return problems


@pytest.mark.parametrize("path", _pure_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_pure_module_imports(path: Path) -> None:
    assert _violations(path, set()) == []


@pytest.mark.parametrize("path", _pure_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_pure_module_reads_no_clock_and_no_file(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in FORBIDDEN_CALLS:
                calls.append(f"line {node.lineno}: {name}()")
    assert calls == []


def test_the_check_catches_an_impure_module(tmp_path: Path) -> None:
    impure = tmp_path / "impure.py"
    impure.write_text("import logging\nfrom scrapy import Spider\n", encoding="utf-8")
    assert _imports(impure) >= {"logging", "scrapy", "scrapy.Spider"}


# The profile assistant is pure too, except its command module (pages, settings, output), so
# that drafting rules are testable on strings like the extraction they mirror.
ASSISTANT = sorted(p for p in (ROOT / "crawler/assistant").glob("*.py") if p.name != "suggest.py")


@pytest.mark.parametrize("path", ASSISTANT, ids=lambda p: str(p.relative_to(ROOT)))
def test_assistant_drafting_is_pure(path: Path) -> None:
    test_pure_module_imports(path)
    test_pure_module_reads_no_clock_and_no_file(path)
