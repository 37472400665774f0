"""A group's partner links to the service network's register (``network.Partner``); the free
text stays as ``partner_name`` for an organisation not in the register. An existing text
that names a registered partner exactly (case aside) is linked and cleared."""

import django.db.models.deletion
from django.db import migrations, models


def link_partners(apps, schema_editor):
    Group = apps.get_model("groups", "Group")
    Partner = apps.get_model("network", "Partner")
    by_name = {}
    for partner in Partner.objects.order_by("-active", "pk"):
        by_name.setdefault(partner.name.strip().casefold(), partner)
    for group in Group.objects.exclude(partner_name=""):
        found = by_name.get(group.partner_name.strip().casefold())
        if found is not None:
            group.partner = found
            group.partner_name = ""
            group.save(update_fields=["partner", "partner_name"])


def unlink_partners(apps, schema_editor):
    Group = apps.get_model("groups", "Group")
    for group in Group.objects.filter(partner__isnull=False).select_related("partner"):
        group.partner_name = group.partner.name
        group.partner = None
        group.save(update_fields=["partner", "partner_name"])


class Migration(migrations.Migration):

    dependencies = [
        ("groups", "0003_enrolment_end_reason"),
        ("network", "0001_partners_and_opportunities"),
    ]

    operations = [
        migrations.RenameField(model_name="group", old_name="partner", new_name="partner_name"),
        migrations.AlterField(
            model_name="group",
            name="partner_name",
            field=models.CharField(
                blank=True,
                help_text="An organisation the group is run with that is not in the service network.",
                max_length=200,
                verbose_name="partner not in the register",
            ),
        ),
        migrations.AddField(
            model_name="group",
            name="partner",
            field=models.ForeignKey(
                blank=True,
                help_text="The partner in the service network the group is run with, if any.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="groups",
                to="network.partner",
                verbose_name="partner",
            ),
        ),
        migrations.RunPython(link_partners, unlink_partners),
        migrations.AddConstraint(
            model_name="group",
            constraint=models.CheckConstraint(
                condition=models.Q(partner__isnull=True) | models.Q(partner_name=""),
                name="group_partner_once",
            ),
        ),
    ]
