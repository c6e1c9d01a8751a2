from django.apps import AppConfig
from django.db.models.signals import post_migrate

from answers.roles import create_roles


class AnswersConfig(AppConfig):
    name = "answers"
    verbose_name = "Questions and answers"

    def ready(self):
        from answers import signals  # noqa: F401  (connects the receivers)

        post_migrate.connect(create_roles, sender=self)
        post_migrate.connect(signals.list_unlisted_claims, sender=self)
