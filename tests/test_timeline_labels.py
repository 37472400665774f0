"""Every change or disclosure a service writes has a translated label on the client timeline."""

from __future__ import annotations

import re
from pathlib import Path

from django.utils import translation

from polku.clients.selectors import TIMELINE_LABELS

ROOT = Path(__file__).resolve().parent.parent
# Events about no client never reach a client's timeline (team cover, the configuration site:
# settings, a user's password and roles; a user's second factor and login lock-out).
NOT_ON_A_TIMELINE = {
    "team cover started",
    "configuration",
    "password",
    "roles",
    "second factor enrolled",
    "second factor locked",
    "recovery code used",
    "recovery codes renewed",
    "second factor moved to a new phone",
    "second factor reset",
    "login lock-out lifted",
}


def written_event_names() -> set[str]:
    names: set[str] = set()
    for path in ROOT.glob("polku/**/*.py"):
        if {"tests", "migrations"} & set(path.relative_to(ROOT).parts):
            continue
        text = path.read_text(encoding="utf-8")
        for call in re.finditer(r"record_(?:change|disclosure)\((.*?)\n\s*\)", text, re.S):
            names.update(re.findall(r'what="([^"]+)"', call.group(1)))
        names.update(re.findall(r'what="([^"]+)" if', text))
        names.update(re.findall(r'else "([^"]+)",\n', text))
    return names


def test_every_written_event_has_a_label() -> None:
    names = written_event_names() - NOT_ON_A_TIMELINE
    assert len(names) > 15
    missing = sorted(names - set(TIMELINE_LABELS) - {"stage"} - {"client details"})
    assert missing == []


def test_labels_are_translated() -> None:
    with translation.override("fi"):
        untranslated = [
            key for key, label in TIMELINE_LABELS.items() if str(label) == key.capitalize()
        ]
    assert untranslated == []
