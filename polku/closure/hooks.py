"""Where the certificate's draft takes what the place's evaluation says (SPEC §5: "drafted
from the period, tasks, attendance and the place's evaluation").

The layers let closure import ``evaluation`` but never the reverse, and the two apps were built
at the same time. So the draft asks a registry here, and ``ClosureConfig.ready()`` fills it
with the evaluation app's reader once that app is in:

```python
from polku.closure.hooks import register_evaluation_source
from polku.evaluation.selectors import certificate_words  # the evaluation app's reader

register_evaluation_source(certificate_words)
```

A source takes the period and returns the words it offers for the draft, by the certificate's
field names (``tasks_done``, ``skills_shown``, ``skills_learned``), or ``{}``. Until one is
registered the draft is made from the period's own fields (its tasks, the agreed tasks of the
introductory visit) and the attendance.
"""

from __future__ import annotations

from collections.abc import Callable

from polku.placements.models import Period

EvaluationSource = Callable[[Period], dict[str, str]]
_SOURCES: list[EvaluationSource] = []

DRAFT_FIELDS = ("tasks_done", "skills_shown", "skills_learned")


def register_evaluation_source(source: EvaluationSource) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def evaluation_words(period: Period) -> dict[str, str]:
    """What the registered sources offer for the period's certificate, joined per field."""
    words: dict[str, list[str]] = {}
    for source in _SOURCES:
        for field, text in source(period).items():
            if field in DRAFT_FIELDS and text.strip():
                words.setdefault(field, []).append(text.strip())
    return {field: "\n".join(texts) for field, texts in words.items()}
