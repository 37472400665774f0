"""The certificate (todistus, SPEC §5): drafted and edited by the responsible worker and the
place supervisor, given by the worker as a PDF stored as produced."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from polku.accounts.models import User
from polku.audit import services as audit
from polku.clients.access import require_caseworker
from polku.clients.models import Recipient
from polku.closure import facts, rules
from polku.closure.access import certificate_editor
from polku.closure.documents import certificate_pdf
from polku.closure.errors import ClosureError
from polku.closure.events import ClosureEvent
from polku.closure.models import Certificate, CertificateLanguage, CertificateStatus
from polku.core import clock
from polku.core.errors import CommonError, field_error, refuse_null_characters
from polku.core.rules import not_before, not_in_future
from polku.core.versioning import EditConflict
from polku.placements.models import Period, PeriodKind, PeriodStatus

TEXT_FIELDS = (
    "tasks_done",
    "skills_shown",
    "skills_learned",
    "qualification_units",
    "additional",
    "signer_name",
    "signer_title",
)


def _period_takes_a_certificate(period: Period) -> None:
    if period.kind != PeriodKind.FULL:
        raise ValidationError(
            _("A certificate is given for a work-activity period, not an introductory period."),
            code=ClosureError.NOT_A_FULL_PERIOD,
        )
    if period.status == PeriodStatus.CANCELLED:
        raise ValidationError(_("The period was cancelled."), code=ClosureError.PERIOD_CANCELLED)
    if not period.relationship.is_open:
        raise ValidationError(_("The client relationship has ended."), code=CommonError.ENDED)


def _not_before_the_period_is_evaluated(period: Period, given_on: dt.date) -> None:
    """The certificate tells what the period showed (SPEC S12 → S13): it is given once the
    final evaluation has been finished at the joint meeting (before the period ends, so the
    client is not sent home to wait), or, without a final evaluation, once the period has
    ended; never before either."""
    evaluated_on = facts.final_evaluation_on(period)
    if evaluated_on is not None:
        not_before(
            "given_on",
            given_on,
            evaluated_on,
            gettext_lazy(
                "The certificate is given after the final evaluation: the date cannot be "
                "before %(date)s, when the final evaluation was finished."
            ),
            ClosureError.CERTIFICATE_TOO_EARLY,
        )
        return
    not_before(
        "given_on",
        given_on,
        period.ends_on,
        gettext_lazy(
            "The final evaluation of the period has not been finished, so the certificate is "
            "given once the period has ended: the date cannot be before %(date)s, the "
            "period's last day. Finish the final evaluation first to give it earlier."
        ),
        ClosureError.CERTIFICATE_TOO_EARLY,
    )


def default_language(period: Period) -> str:
    """The client's language when the certificate can be written in it; Finnish otherwise."""
    language = period.relationship.client.language
    return language if language in CertificateLanguage.values else CertificateLanguage.FI


@transaction.atomic
def certificate_save(
    *,
    actor: User,
    period: Period,
    version: int | None,
    language: str,
    tasks_done: str,
    skills_shown: str,
    skills_learned: str,
    qualification_units: str = "",
    additional: str = "",
    names_service: bool = False,
    signer_name: str = "",
    signer_title: str = "",
) -> Certificate:
    """Draft or edit the period's certificate. The place supervisor edits during the period
    and 30 days after it, and cannot record the client's choice to name the service (the
    worker records it with the client). Refused for a period with no participation days, for
    a given certificate, and for a text that names the service without the client's choice."""
    editor = certificate_editor(actor, period)
    _period_takes_a_certificate(period)
    existing = Certificate.objects.select_for_update().filter(period=period).first()
    if editor == "place":
        rules.supervisor_window(period.starts_on, period.ends_on, clock.today())
        names_service = existing.names_service if existing is not None else False
    if existing is not None and existing.status == CertificateStatus.GIVEN:
        raise ValidationError(
            _("The certificate has been given and no longer changes."),
            code=ClosureError.CERTIFICATE_GIVEN,
        )
    days = facts.participation_days(period)
    rules.has_participation_days(days)
    texts = {
        "tasks_done": tasks_done.strip(),
        "skills_shown": skills_shown.strip(),
        "skills_learned": skills_learned.strip(),
        "qualification_units": qualification_units.strip(),
        "additional": additional.strip(),
        "signer_name": signer_name.strip(),
        "signer_title": signer_title.strip(),
    }
    refuse_null_characters(**texts)
    rules.service_not_named(texts, chosen=names_service, by_place=editor == "place")
    if language not in CertificateLanguage.values:
        raise field_error("language", _("Choose Finnish or Swedish."), CommonError.REQUIRED)
    data = {
        **texts,
        "language": language,
        "names_service": names_service,
        "participation_days": days,
    }
    if existing is None:
        if version is not None:
            raise ValidationError(
                _("The certificate was removed meanwhile."), code=CommonError.EDIT_CONFLICT
            )
        certificate = Certificate(period=period, drafted_by=actor, **data)
        certificate.full_clean()
        certificate.save()
        audit.record_change(
            actor=actor,
            record=certificate,
            client=period.relationship.client,
            what=ClosureEvent.CERTIFICATE,
            changes={
                name: (None, value) for name, value in data.items() if value not in ("", False)
            },
        )
        return certificate
    if version is None:
        raise EditConflict(existing)
    audit.model_update(
        actor=actor,
        obj=existing,
        version=version,
        data=data,
        what=ClosureEvent.CERTIFICATE,
        client=period.relationship.client,
    )
    return existing


@transaction.atomic
def certificate_give(
    *, actor: User, certificate: Certificate, version: int, given_on: dt.date
) -> Certificate:
    """The responsible worker gives the certificate: the PDF is produced in its language and
    stored as given; the handing over is a disclosure to the client."""
    period = certificate.period
    require_caseworker(actor, period.relationship)
    _period_takes_a_certificate(period)
    if certificate.status == CertificateStatus.GIVEN:
        raise ValidationError(
            _("The certificate has already been given."), code=ClosureError.CERTIFICATE_GIVEN
        )
    days = facts.participation_days(period)
    rules.has_participation_days(days)
    rules.service_not_named(
        {name: getattr(certificate, name) for name in TEXT_FIELDS},
        chosen=certificate.names_service,
    )
    not_in_future("given_on", given_on)
    _not_before_the_period_is_evaluated(period, given_on)
    if not (certificate.tasks_done.strip() or certificate.skills_shown.strip()):
        raise field_error(
            "tasks_done",
            _("Write the tasks done or the skills shown before giving the certificate."),
            CommonError.INCOMPLETE,
        )
    certificate.participation_days = days
    document = certificate_pdf(certificate, given_on=given_on)
    audit.model_update(
        actor=actor,
        obj=certificate,
        version=version,
        data={
            "status": CertificateStatus.GIVEN,
            "given_on": given_on,
            "given_by": actor,
            "participation_days": days,
        },
        what=ClosureEvent.CERTIFICATE_GIVEN,
        client=period.relationship.client,
    )
    # The PDF as produced is stored beside the change; its bytes are not an audited value.
    Certificate.objects.filter(pk=certificate.pk).update(document=document)
    certificate.document = document
    audit.record_disclosure(
        actor=actor,
        client=period.relationship.client,
        what=ClosureEvent.CERTIFICATE_GIVEN,
        recipient=Recipient.CLIENT.value,
        purpose="certificate of the work-activity period",
        legal_basis="SPEC §5; 703/2023",
        record=certificate,
    )
    return certificate
