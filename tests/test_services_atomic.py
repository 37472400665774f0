"""Every top-level service of every app is atomic (STYLE.md §6): a write and its audit event
are saved together or not at all. The rollback itself is tested where it matters
(polku/pathways/tests/test_atomicity.py, polku/audit/tests/test_audit.py)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import polku

ROOT = Path(polku.__file__).parent


def _is_atomic(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return isinstance(target, ast.Attribute) and target.attr == "atomic"


def _service_modules() -> dict[str, list[Path]]:
    """Each app's services: ``services.py``, or the modules of a ``services/`` package."""
    found: dict[str, list[Path]] = {}
    # The audit API writes in its caller's transaction on purpose (docs/subsystems/audit.md).
    apps = sorted(p for p in ROOT.iterdir() if (p / "apps.py").exists() and p.name != "audit")
    for app in apps:
        if (app / "services.py").exists():
            found[app.name] = [app / "services.py"]
        elif (app / "services").is_dir():
            found[app.name] = sorted((app / "services").glob("*.py"))
    return found


def test_every_public_service_is_atomic_and_reachable() -> None:
    modules = _service_modules()
    assert {"clients", "pathways", "placements"} <= set(modules)
    services: list[tuple[str, str, ast.FunctionDef]] = [
        (app, path.name, node)
        for app, paths in modules.items()
        for path in paths
        for node in ast.parse(path.read_text()).body
        if isinstance(node, ast.FunctionDef)
        and not node.name.startswith("_")
        and "actor" in {arg.arg for arg in node.args.kwonlyargs}
    ]
    assert len(services) >= 40
    assert [
        f"{app}/{name}: {node.name}"
        for app, name, node in services
        if not any(_is_atomic(d) for d in node.decorator_list)
    ] == []
    # Every service is reachable through its app's services, as callers write it.
    missing = [
        f"{app}: {node.name}"
        for app, _name, node in services
        if not hasattr(importlib.import_module(f"polku.{app}.services"), node.name)
    ]
    assert missing == []
