from django.apps import AppConfig
from django.db.models.signals import pre_save


def new_version_when_loaded(sender, instance, raw, **kwargs):
    if raw:
        instance.start_anew()


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Timeline"

    def ready(self):
        pre_save.connect(new_version_when_loaded, sender=self.get_model("TimelineVersion"))
