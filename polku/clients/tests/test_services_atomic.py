"""Every top-level service of the clients app is atomic (STYLE.md §6): a write and its audit
event are saved together or not at all."""

from __future__ import annotations

import ast
from pathlib import Path

import polku.clients.services

PACKAGE = Path(polku.clients.services.__file__).parent


def _is_atomic(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return isinstance(target, ast.Attribute) and target.attr == "atomic"


def test_every_public_service_is_atomic() -> None:
    services = [
        (path.name, node)
        for path in sorted(PACKAGE.glob("*.py"))
        for node in ast.parse(path.read_text()).body
        if isinstance(node, ast.FunctionDef)
        and not node.name.startswith("_")
        and "actor" in {arg.arg for arg in node.args.kwonlyargs}
    ]
    assert len(services) >= 14
    assert [
        f"{name}: {node.name}"
        for name, node in services
        if not any(_is_atomic(d) for d in node.decorator_list)
    ] == []
    # Every service is reachable through the package, as callers have always written it.
    assert all(hasattr(polku.clients.services, node.name) for _name, node in services)
