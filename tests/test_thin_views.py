"""Views without domain logic in every app (STYLE.md §2): a view resolves, validates, calls a service and
renders. No view builds a query or writes the audit log itself: selectors read (and log the
read), access helpers resolve (and log), services write."""

from __future__ import annotations

import ast
from pathlib import Path

import polku

APPS = sorted(path for path in Path(polku.__file__).parent.iterdir() if (path / "apps.py").exists())
FORBIDDEN = (".objects.", "audit.record_", "_default_manager", ".all()", ".filter(")


def view_modules(app: Path) -> list[Path]:
    """``views.py``, or every module of a ``views/`` package."""
    return sorted(
        path
        for path in app.rglob("*.py")
        if path.name == "views.py" or "views" in path.relative_to(app).parts[:-1]
    )


def domain_logic(path: Path) -> list[str]:
    """``file:line: text`` of each query or audit write in a view module, and of each import of
    the audit app (a view has no use for it)."""
    source = path.read_text()
    hits = [
        f"{path.name}:{number}: {line.strip()}"
        for number, line in enumerate(source.splitlines(), start=1)
        if any(text in line for text in FORBIDDEN)
    ]
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("polku.audit"):
            hits.append(f"{path.name}:{node.lineno}: imports {node.module}")
        if (
            isinstance(node, ast.ImportFrom)
            and node.module == "polku"
            and any(alias.name == "audit" for alias in node.names)
        ):
            hits.append(f"{path.name}:{node.lineno}: imports polku.audit")
    return hits


def test_no_view_builds_a_query_or_writes_the_audit_log() -> None:
    modules = [path for app in APPS for path in view_modules(app)]
    apps = {path.relative_to(Path(polku.__file__).parent).parts[0] for path in modules}
    assert apps >= {"accounts", "clients", "pathways", "placements", "portal"}
    assert len(modules) >= 15
    assert [hit for path in modules for hit in domain_logic(path)] == []


def test_the_scan_finds_a_query_and_an_audit_write(tmp_path: Path) -> None:
    probe = tmp_path / "views.py"
    probe.write_text(
        "from polku.audit import services as audit\n"
        "def page(request):\n"
        "    rows = Client.objects.filter(pk=1)\n"
        "    audit.record_access(actor=request.user, client=rows[0], what=READ)\n"
    )
    assert [hit.split(":")[1] for hit in domain_logic(probe)] == ["3", "4", "1"]
