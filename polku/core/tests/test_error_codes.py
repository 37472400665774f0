"""Every refusal carries a code from an enum (polku.core.errors): a code written as a string
literal, or a refusal built without a code, fails here."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
BUILDERS = {"field_error": 2, "fields_error": 2, "refusal": 1, "not_before": 4}  # ``code``


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _is_literal(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _refusals() -> list[tuple[str, int, str, ast.expr | None, bool]]:
    """(path, line, function, code expression, whether the message is a dict or list)."""
    found = []
    for path in sorted((ROOT / "polku").rglob("*.py")):
        if {"tests", "migrations"} & set(path.relative_to(ROOT).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node.func)
            code = next((k.value for k in node.keywords if k.arg == "code"), None)
            if name in BUILDERS and code is None and len(node.args) > BUILDERS[name]:
                code = node.args[BUILDERS[name]]
            if name == "ValidationError" and code is None and len(node.args) > 1:
                code = node.args[1]
            if name == "not_before":
                found.append((str(path.relative_to(ROOT)), node.lineno, name, code, True))
                continue
            if name in BUILDERS or name == "ValidationError":
                # One message: a string, or a call that translates one (``_("…")``). Anything
                # else (a dict or list of ValidationErrors, a variable holding them) carries
                # the codes of the errors inside it.
                first = node.args[0] if node.args else None
                single = isinstance(first, ast.Constant) or (
                    isinstance(first, ast.Call)
                    and _name(first.func) in {"_", "gettext", "gettext_lazy", "pgettext"}
                )
                nested = not single
                found.append((str(path.relative_to(ROOT)), node.lineno, name, code, nested))
    return found


def test_no_refusal_code_is_a_string_literal() -> None:
    refusals = _refusals()
    assert len(refusals) > 80
    literals = [f"{p}:{line}" for p, line, _, code, _ in refusals if _is_literal(code)]
    assert literals == []


def test_every_refusal_has_a_code() -> None:
    """A ValidationError of one message names its code; one built from a dict or a list of
    ValidationErrors takes theirs (the builders in polku.core.errors)."""
    missing = [
        f"{p}:{line}"
        for p, line, name, code, nested in _refusals()
        if code is None and not nested and name == "ValidationError"
    ]
    assert missing == []
