"""Every refusal code in the clients app is an enum member, never a string literal (STYLE.md §6):
one meaning, one code, found by name."""

from __future__ import annotations

import ast
from pathlib import Path

import polku.clients
from polku.clients.errors import ClientError
from polku.core.errors import CommonError

APP = Path(polku.clients.__file__).parent
# Where the code is a positional argument: field_error(field, message, code), ...
CODE_POSITION = {"field_error": 2, "fields_error": 2, "refusal": 1, "not_before": 4}


def _modules() -> list[Path]:
    """The app's code; its tests and its migrations (history, as written then) aside."""
    return [
        path
        for path in APP.rglob("*.py")
        if not {"tests", "migrations"} & set(path.relative_to(APP).parts)
    ]


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _literal_codes(path: Path) -> list[str]:
    """``file:line`` of each call whose code is a string literal."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if not isinstance(node, ast.Call):
            continue
        codes = [keyword.value for keyword in node.keywords if keyword.arg == "code"]
        position = CODE_POSITION.get(_name(node.func))
        if position is not None and len(node.args) > position:
            codes.append(node.args[position])
        found += [
            f"{path.name}:{node.lineno}"
            for code in codes
            if isinstance(code, ast.Constant) and isinstance(code.value, str)
        ]
    return found


def test_no_code_is_a_string_literal() -> None:
    assert len(_modules()) > 10
    assert [hit for path in _modules() for hit in _literal_codes(path)] == []


def test_the_scan_finds_a_literal_code(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(
        'raise field_error("day", "x", "future")\n'
        'form.add_error("id", ValidationError("x", code="taken"))\n'
        'raise field_error("day", "x", CommonError.FUTURE)\n'
    )
    assert _literal_codes(probe) == ["probe.py:1", "probe.py:2"]


def test_the_apps_codes_do_not_reuse_a_common_meaning() -> None:
    """A shared meaning is a CommonError; the app's enum does not repeat one of its values."""
    assert not {code.value for code in ClientError} & {code.value for code in CommonError}
