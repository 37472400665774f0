"""The closure app's views, one module per audience; re-exported for ``urls.py``."""

from __future__ import annotations

from polku.closure.views.certificates import certificate, certificate_give, certificate_pdf
from polku.closure.views.client import own_certificate_pdf, own_certificates
from polku.closure.views.place import place_certificates
from polku.closure.views.worker import (
    closure,
    follow_up_call,
    follow_up_plan,
    period_end,
    relationship_end,
    relationship_new,
    reopen,
)

__all__ = [
    "certificate",
    "certificate_give",
    "certificate_pdf",
    "closure",
    "follow_up_call",
    "follow_up_plan",
    "own_certificate_pdf",
    "own_certificates",
    "period_end",
    "place_certificates",
    "relationship_end",
    "relationship_new",
    "reopen",
]
