from django.apps import AppConfig
from django.contrib.auth import get_user_model
from django.db.models.signals import post_migrate

from answers.roles import create_roles
from config.people import display_name


class AnswersConfig(AppConfig):
    name = "answers"
    verbose_name = "Questions and answers"

    def ready(self):
        from answers import signals  # noqa: F401  (connects the receivers)

        post_migrate.connect(create_roles, sender=self)
        post_migrate.connect(signals.list_unlisted_claims, sender=self)
        # People appear in the admin's lists, filters, revision tables and history pages, and on the public
        # corrections log, all through str(user). Factline keeps Django's own User model, so its display
        # name is given here, once, rather than in every template and column.
        get_user_model().__str__ = display_name
