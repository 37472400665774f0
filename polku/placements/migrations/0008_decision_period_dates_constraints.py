from django.db import migrations, models


class Migration(migrations.Migration):
    """The constraints of the decided dates, after 0007 filled them in (apart, so that no
    table is altered in the transaction that updated its rows)."""

    dependencies = [
        ('placements', '0007_decision_period_dates'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='decision',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('period_ends_on__isnull', True), ('period_starts_on__isnull', True)), ('period_starts_on__lte', models.F('period_ends_on')), _connector='OR'), name='decision_period_dates_in_order'),
        ),
        migrations.AddConstraint(
            model_name='decision',
            constraint=models.CheckConstraint(condition=models.Q(('status', 'draft'), ('period__isnull', True), ('period_starts_on__isnull', False), _connector='OR'), name='made_decision_keeps_its_period_dates'),
        ),
    ]
