"""A group session's mark keeps the message the participant wrote with an absence they
reported from OmaPolku (``SessionAttendance.note``), so the group's instructor sees it on the
session's attendance page. Until now the message was kept only in the change event of the
report: a mark still as the participant reported it (the last recorder is the participant's
own login, absent) takes its message back from that event. The audit log is only read."""

from django.db import migrations, models


def notes_from_events(apps, schema_editor):
    SessionAttendance = apps.get_model("groups", "SessionAttendance")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    marks = SessionAttendance.objects.filter(status="absent", note="").select_related(
        "enrolment__client"
    )
    for mark in marks.iterator():
        if mark.recorded_by_id is None or mark.recorded_by_id != mark.enrolment.client.user_id:
            continue
        events = AuditEvent.objects.filter(
            kind="change",
            record_type="groups.SessionAttendance",
            record_id=str(mark.pk),
            actor_id=mark.recorded_by_id,
        ).order_by("-occurred_at", "-pk")
        for event in events:
            change = (event.changes or {}).get("note")
            if isinstance(change, list) and len(change) == 2 and isinstance(change[1], str):
                mark.note = change[1].strip()[:500]
                mark.save(update_fields=["note"])
                break


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0006_audit_client_timeline"),
        ("groups", "0004_group_partner_in_the_network"),
    ]

    operations = [
        migrations.AddField(
            model_name="sessionattendance",
            name="note",
            field=models.CharField(
                blank=True,
                help_text="The participant's own message with the absence they reported.",
                max_length=500,
                verbose_name="message",
            ),
        ),
        migrations.RunPython(notes_from_events, migrations.RunPython.noop),
    ]
