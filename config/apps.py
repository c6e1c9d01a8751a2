from django.contrib.admin.apps import AdminConfig


class FactlineAdminConfig(AdminConfig):
    default_site = "config.admin_site.FactlineAdminSite"

    def ready(self):
        super().ready()
        from config import cache, checks  # noqa: F401 (checks registers the deployment checks)

        # The project's one AppConfig: the page cache's receivers are connected here, and `migrate` sends
        # post_migrate once with this sender.
        cache.connect_signals(release_sender=self)
