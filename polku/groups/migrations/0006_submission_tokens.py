"""The one-time form token of a new group, session and enrolment: the same form sent twice (a
double click) adds one and lands on the same result.

Numbered 0006: 0005 (the note of a session attendance) is made on another branch; when both
are merged this one depends on it (``0005_session_attendance_note``) instead of 0004."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('groups', '0004_group_partner_in_the_network'),
    ]

    operations = [
        migrations.AddField(
            model_name='enrolment',
            name='submission',
            field=models.UUIDField(blank=True, editable=False, null=True, unique=True, verbose_name='form submission'),
        ),
        migrations.AddField(
            model_name='group',
            name='submission',
            field=models.UUIDField(blank=True, editable=False, null=True, unique=True, verbose_name='form submission'),
        ),
        migrations.AddField(
            model_name='session',
            name='submission',
            field=models.UUIDField(blank=True, editable=False, null=True, unique=True, verbose_name='form submission'),
        ),
    ]
