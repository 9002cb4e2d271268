"""The folders under ``src/charter_check/`` are layers (docs/architecture.md): each imports only
from the layers above it, so the pure core never reaches for files, and a newcomer can read the
code top to bottom."""

from __future__ import annotations

import ast
from pathlib import Path

import charter_check

PACKAGE = Path(charter_check.__file__).parent
LAYERS = [
    "model",
    "answers",
    "judging",
    "reading",
    "checking",
    "renderers",
    "writing",
    "questionnaire",
    "commands",
]


def imported_layers(module: Path) -> set[str]:
    """The layers a module imports from, at run time (imports for type checking alone aside)."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.dump(node.test):
            node.body = []
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "charter_check" and len(parts) > 1 and parts[1] in LAYERS:
                found.add(parts[1])
    return found


def test_each_layer_imports_only_from_the_layers_above_it() -> None:
    wrong = []
    for layer in LAYERS:
        allowed = set(LAYERS[: LAYERS.index(layer) + 1])
        for module in sorted((PACKAGE / layer).rglob("*.py")):
            for imported in imported_layers(module) - allowed:
                wrong.append(f"{module.relative_to(PACKAGE)} imports from {imported}/")
    assert wrong == []


def test_every_folder_of_the_package_is_a_known_layer() -> None:
    folders = {path.name for path in PACKAGE.iterdir() if path.is_dir() and (path / "__init__.py").exists()}
    assert folders == set(LAYERS)
