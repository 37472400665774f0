"""The one-time token of the form that saved an evaluation section last: the same form sent
twice is saved once, and its second send is no edit conflict."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('evaluation', '0002_first_template'),
    ]

    operations = [
        migrations.AddField(
            model_name='evaluationsection',
            name='submission',
            field=models.UUIDField(blank=True, editable=False, null=True, verbose_name='form submission'),
        ),
    ]
