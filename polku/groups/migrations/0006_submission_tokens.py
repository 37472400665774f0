"""The one-time form token of a new group, session and enrolment: the same form sent twice (a
double click) adds one and lands on the same result."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('groups', '0005_session_attendance_note'),
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
