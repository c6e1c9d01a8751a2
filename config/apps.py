from django.contrib.admin.apps import AdminConfig


class FactlineAdminConfig(AdminConfig):
    default_site = "config.admin_site.FactlineAdminSite"

    def ready(self):
        super().ready()
        from config import checks  # noqa: F401 (registers the deployment checks)
