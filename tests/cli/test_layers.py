"""The command line reaches the domain only through Desk and what its verbs return: besides
`desk`, it imports only the domain's vocabulary (errors, records and roles, message counts,
format names, the default database path), and never touches `.store`."""
from __future__ import annotations

import ast
from pathlib import Path

from tests.cli.runner import ROOT

CLI = ROOT / "review" / "cli"
VOCABULARY = {"desk", "errors", "model", "texts", "formats", "paths"}


def domain_imports(tree: ast.AST) -> set[str]:
    """The review modules a CLI module imports ("..desk" -> "desk"; "review.store" -> "store")."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 2:  # from ..X import ...
            found |= {node.module} if node.module else {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("review."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("review.")}
    return {name.split(".")[0] for name in found}


def test_the_cli_uses_only_desk_and_the_vocabulary():
    modules = sorted(CLI.glob("*.py"))
    assert len(modules) >= 5
    for module in modules:
        tree = ast.parse(module.read_text(encoding="utf-8"))
        assert domain_imports(tree) <= VOCABULARY, module.name
        reached = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "store"]
        assert reached == [], f"{module.name} reaches desk.store at lines {reached}"


def test_the_check_sees_what_it_forbids():
    tree = ast.parse("from ..store import is_damage\nfrom ..hints.collect import batch_checks\n"
                     "import review.backups\nrows = desk.store.glossaries()\n")
    assert domain_imports(tree) == {"store", "hints", "backups"}
    assert any(isinstance(n, ast.Attribute) and n.attr == "store" for n in ast.walk(tree))
