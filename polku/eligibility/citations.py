"""Citations in the reader's language (STYLE.md §8: each language cites its way).

A rule version keeps the section it cites as the Finnish statute book writes it:
``189/2001 3 §``, ``189/2001 13 b § 2 mom.``, ``1290/2002 2 a luku``, ``HE 109/2025 vp``.
Finnish readers see it so. Swedish readers see the Swedish form of the same citation
(``189/2001 3 §``, ``1290/2002 2 a kap.``, ``RP 109/2025 rd``), English readers the English
one (``189/2001 section 3``, ``1290/2002 chapter 2 a``, ``Government proposal HE 109/2025``).
Anything else in the text (a note in brackets) is shown as written. A citation stored with the
section sign in front (``1301/2014 §36``, ``434/2003 §§ 54–62``, as older audit events hold
them) is first put in the statute book's form (``1301/2014 36 §``, ``434/2003 54–62 §``).
"""

from __future__ import annotations

import re

from django.utils.translation import get_language

_NUMBER = r"(\d+(?: [a-z])?)"
_PAPER = r"(\d+/\d{4})(?: vp)?"

_SWEDISH = (
    (re.compile(rf"\bHE {_PAPER}"), r"RP \1 rd"),
    (re.compile(rf"\bStVM {_PAPER}"), r"ShUB \1 rd"),
    (re.compile(rf"\b{_NUMBER} luku\b"), r"\1 kap."),
)
_ENGLISH = (
    (re.compile(rf"\bHE {_PAPER}"), r"Government proposal HE \1"),
    (re.compile(rf"\bStVM {_PAPER}"), r"Committee report StVM \1"),
    (re.compile(rf"\b{_NUMBER} luku\b"), r"chapter \1"),
    (re.compile(rf"\b{_NUMBER} § (\d+) mom\.?"), r"section \1(\2)"),
    (re.compile(rf"\b({_NUMBER[1:-1]}(?:(?:–|, ){_NUMBER[1:-1]})+) §"), r"sections \1"),
    (re.compile(rf"\b{_NUMBER} §"), r"section \1"),
)


_SIGN_FIRST = (
    (re.compile(r"(?<=\d/\d{4} )§§ ?(\d[\d a-z,–-]*?\d(?: [a-z])?)(?=$|[;)])"), r"\1 §"),
    (re.compile(rf"(?<=\d/\d{{4}} )§ ?{_NUMBER}\b"), r"\1 §"),
)


def statute_form(text: str) -> str:
    """``text`` with every section sign after its number, as the statute book writes it."""
    for pattern, replacement in _SIGN_FIRST:
        text = pattern.sub(replacement, text)
    return text


def cite(text: str, language: str | None = None) -> str:
    """``text`` (a citation in the Finnish form) as ``language`` cites it; the active
    language when none is given."""
    code = (language or get_language() or "fi")[:2]
    text = statute_form(text)
    patterns = {"sv": _SWEDISH, "en": _ENGLISH}.get(code, ())
    for pattern, replacement in patterns:
        text = pattern.sub(replacement, text)
    return text
