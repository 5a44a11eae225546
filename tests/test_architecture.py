"""The house rules of the code's layout (docs/ARCHITECTURE.md), checked by reading the source:
no import circles (a module imported at run time or only inside a function counts the same),
the store private to the domain, and modules of a size a newcomer can read."""
from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(package: str) -> dict[str, Path]:
    return {module_name(p): p for p in (ROOT / package).rglob("*.py")}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The project modules `name` imports, anywhere in it (top level, functions, type checks)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {m for m in found if m in known and m != name}


def cycles(package: str) -> list[list[str]]:
    found = modules(package)
    graph = {name: imports_of(name, path, set(found)) for name, path in found.items()}
    circles, done = [], set()

    def visit(node: str, path: list[str]) -> None:
        for nxt in sorted(graph[node]):
            if nxt in path:
                circles.append(path[path.index(nxt):] + [nxt])
            elif nxt not in done:
                visit(nxt, path + [nxt])
        done.add(node)

    for start in sorted(graph):
        if start not in done:
            visit(start, [start])
    # A package's __init__ that re-exports its modules is imported by them only as the package
    # they live in (Python's own doing), not as a circle of ours.
    return [c for c in circles if not any(a.startswith(b + ".") or b.startswith(a + ".")
                                          for a, b in zip(c, c[1:]))]


def test_the_domain_has_no_import_circles():
    assert cycles("review") == []


def test_the_window_has_no_import_circles():
    assert cycles("ui") == []


def test_the_checker_sees_a_circle(tmp_path, monkeypatch):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "a.py").write_text("def f():\n    from .b import g\n")
    (tmp_path / "pkg" / "b.py").write_text("from . import a\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert cycles("pkg") == [["pkg.a", "pkg.b", "pkg.a"]]


def test_the_window_reaches_the_domain_only_through_desk():
    """No `.store` in ui/: the store is the domain's private part."""
    offenders = []
    for name, path in modules("ui").items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "store":
                offenders.append(f"{name}:{node.lineno}")
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("review.store"):
                offenders.append(f"{name}:{node.lineno} imports {node.module}")
    assert offenders == []


def test_no_module_of_the_domain_is_over_about_500_lines():
    long = {name: n for name, path in modules("review").items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > 520}
    assert long == {}


def test_the_command_line_reaches_the_domain_only_through_desk():
    offenders = []
    for name, path in modules("review").items():
        if not name.startswith("review.cli"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "store":
                offenders.append(f"{name}:{node.lineno}")
    assert offenders == []


def test_the_window_starts_no_thread_of_its_own():
    """Background work goes through ui/operations.py's one worker (a QThreadPool of one)."""
    offenders = []
    for name, path in modules("ui").items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            called = node.func if isinstance(node, ast.Call) else None
            label = getattr(called, "attr", None) or getattr(called, "id", None)
            if label in ("Thread", "QThread", "moveToThread", "ThreadPoolExecutor", "ProcessPoolExecutor",
                         "start_new_thread"):
                offenders.append(f"{name}:{node.lineno} {label}")
            if label == "QThreadPool" and name != "ui.operations":
                offenders.append(f"{name}:{node.lineno} QThreadPool")
    assert offenders == []


def test_the_domain_never_imports_qt():
    offenders = []
    for name, path in modules("review").items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import) else
                     [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{name}:{node.lineno} {n}" for n in names if n.split(".")[0] in ("PySide6", "shiboken6", "ui")]
    assert offenders == []


def test_the_window_calls_no_manager_past_desk():
    """ui/ may import the domain's value types, constants and pure functions of a text, but no
    function that works on a database (one taking a core, a desk or a store): those are Desk's
    verbs."""
    import importlib
    import inspect

    offenders = []
    for name, path in modules("ui").items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.ImportFrom) and node.level == 0
                    and (node.module or "").split(".")[0] == "review"):
                continue
            module = importlib.import_module(node.module)
            for alias in node.names:
                found = getattr(module, alias.name, None)
                if inspect.isfunction(found):
                    first = next(iter(inspect.signature(found).parameters), "")
                    if first in ("core", "desk", "store"):
                        offenders.append(f"{name}:{node.lineno} {node.module}.{alias.name}")
    assert offenders == []
