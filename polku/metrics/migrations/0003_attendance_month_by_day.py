# The attendance summary with each row's days of the month and the selection's dimensions
# (docs/decisions/0017-metrics.md). The rows counted before have neither, so the table is made
# again empty and the summary's state forgotten: the figures read the records until the next
# count (the nightly job, or `manage.py shell -c "from polku.metrics import summary;
# summary.refresh()"`).

import django.db.models.deletion
from django.db import migrations, models


def forget_the_count(apps, schema_editor):
    apps.get_model("metrics", "SummaryState").objects.filter(name="attendance").delete()


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0005_unit_name_sv'),
        ('clients', '0009_relationship_open_by_worker'),
        ('metrics', '0002_pathway_facts'),
        ('placements', '0008_decision_period_dates_constraints'),
    ]

    operations = [
        migrations.RunPython(forget_the_count, migrations.RunPython.noop),
        migrations.DeleteModel(name='AttendanceMonth'),
        migrations.CreateModel(
            name='AttendanceMonth',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('period', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='placements.period', verbose_name='work-activity period')),
                ('client', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='clients.client', verbose_name='client')),
                ('month', models.DateField(verbose_name='month')),
                ('months', models.PositiveSmallIntegerField(default=1, verbose_name='months')),
                ('unit', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.unit', verbose_name='unit')),
                ('municipality', models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.unit', verbose_name='municipality')),
                ('place', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.unit', verbose_name='work-activity place')),
                ('producer_type', models.CharField(max_length=32, verbose_name='producer type')),
                ('birth_date', models.DateField(verbose_name='date of birth')),
                ('gender_digit', models.CharField(blank=True, max_length=1, verbose_name='gender digit of the identity code')),
                ('recorded', models.PositiveSmallIntegerField(null=True)),
                ('recorded_mask', models.PositiveIntegerField(null=True)),
                ('present', models.PositiveSmallIntegerField(null=True)),
                ('present_mask', models.PositiveIntegerField(null=True)),
                ('absent', models.PositiveSmallIntegerField(null=True)),
                ('absent_mask', models.PositiveIntegerField(null=True)),
                ('absent_own_illness_planned', models.PositiveSmallIntegerField(null=True)),
                ('absent_own_illness_planned_mask', models.PositiveIntegerField(null=True)),
                ('absent_own_illness_unplanned', models.PositiveSmallIntegerField(null=True)),
                ('absent_own_illness_unplanned_mask', models.PositiveIntegerField(null=True)),
                ('absent_child_illness_planned', models.PositiveSmallIntegerField(null=True)),
                ('absent_child_illness_planned_mask', models.PositiveIntegerField(null=True)),
                ('absent_child_illness_unplanned', models.PositiveSmallIntegerField(null=True)),
                ('absent_child_illness_unplanned_mask', models.PositiveIntegerField(null=True)),
                ('absent_employment_planned', models.PositiveSmallIntegerField(null=True)),
                ('absent_employment_planned_mask', models.PositiveIntegerField(null=True)),
                ('absent_employment_unplanned', models.PositiveSmallIntegerField(null=True)),
                ('absent_employment_unplanned_mask', models.PositiveIntegerField(null=True)),
                ('absent_trust_position_planned', models.PositiveSmallIntegerField(null=True)),
                ('absent_trust_position_planned_mask', models.PositiveIntegerField(null=True)),
                ('absent_trust_position_unplanned', models.PositiveSmallIntegerField(null=True)),
                ('absent_trust_position_unplanned_mask', models.PositiveIntegerField(null=True)),
                ('absent_other_planned', models.PositiveSmallIntegerField(null=True)),
                ('absent_other_planned_mask', models.PositiveIntegerField(null=True)),
                ('absent_other_unplanned', models.PositiveSmallIntegerField(null=True)),
                ('absent_other_unplanned_mask', models.PositiveIntegerField(null=True)),
            ],
            options={
                'verbose_name': 'attendance month',
                'verbose_name_plural': 'attendance months',
                'indexes': [models.Index(fields=['months', 'month', 'unit'], name='attendance_month_by_span')],
                'constraints': [models.UniqueConstraint(fields=('period', 'month', 'months'), name='attendance_month_one_row_per_span'), models.CheckConstraint(condition=models.Q(('months__in', (1, 3, 12))), name='attendance_month_spans_a_month_quarter_or_year'), models.CheckConstraint(condition=models.Q(('recorded__gt', 0)), name='attendance_month_counts_days')],
            },
        ),
    ]
