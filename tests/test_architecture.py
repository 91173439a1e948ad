"""The layering rules of docs/architecture.md, checked on the source."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from django.apps import apps

SOURCE = Path(__file__).parents[1] / "src" / "uppsikt"


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_the_domain_imports_the_standard_library_only() -> None:
    allowed = set(sys.stdlib_module_names) | {"uppsikt", "__future__"}
    offenders = {
        str(path.relative_to(SOURCE)): sorted(imported_roots(path) - allowed)
        for path in (SOURCE / "domain").rglob("*.py")
        if "tests" not in path.parts and imported_roots(path) - allowed
    }
    assert offenders == {}


def test_the_import_contracts_are_kept() -> None:
    command = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(command)], cwd=SOURCE.parents[1], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_every_package_says_what_it_is_for() -> None:
    packages = [SOURCE / name for name in ("domain", "importers", "reports", "apps", "web")]
    missing = [str(path) for path in packages if not (path / "README.md").exists()]
    assert missing == []


def test_every_app_maps_to_the_domain_in_one_place() -> None:
    apps = [path for path in (SOURCE / "apps").iterdir() if (path / "models.py").exists()]
    with_models = [path.name for path in apps if "class " in (path / "models.py").read_text()]
    assert with_models
    assert [
        name for name in with_models if not (SOURCE / "apps" / name / "mapping.py").exists()
    ] == []


# Imported or derived in bulk, never edited: their history is the import that wrote them. A
# frozen report is never edited at all: each lock adds an edition, with who and when. An upload
# is itself the record of who sent which file and who imported it, and when.
WITHOUT_HISTORY = {
    "LedgerEntry",
    "LedgerSummary",
    "Activity",
    "AccountClass",
    "FrozenReport",
    "Upload",
}


def test_every_editable_model_keeps_its_history() -> None:
    models = [
        model
        for model in apps.get_models()
        if model.__module__.startswith("uppsikt.")
        and not model.__name__.startswith("Historical")
        and model.__name__ not in WITHOUT_HISTORY
    ]
    assert len(models) > 20
    assert [model.__name__ for model in models if not hasattr(model, "history")] == []
