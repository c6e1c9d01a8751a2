from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "config.proposals"
    label = "proposals"
    verbose_name = _("Reviewed changes")
    default_auto_field = "django.db.models.BigAutoField"
