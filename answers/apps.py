from django.apps import AppConfig


class AnswersConfig(AppConfig):
    name = "answers"
    verbose_name = "Questions and answers"

    def ready(self):
        from answers import signals  # noqa: F401  (connects the receivers)
