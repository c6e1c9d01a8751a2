from django.contrib.admin.apps import AdminConfig


class FactlineAdminConfig(AdminConfig):
    default_site = "config.admin_site.FactlineAdminSite"
