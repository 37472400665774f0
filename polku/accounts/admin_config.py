from django.contrib.admin.apps import AdminConfig


class PolkuAdminConfig(AdminConfig):
    """Django admin with Polku's site: administrators only, configuration only."""

    default_site = "polku.accounts.admin_site.PolkuAdminSite"
