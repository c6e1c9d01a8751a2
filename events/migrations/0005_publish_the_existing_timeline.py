"""Mark the timeline that readers already saw as published: from now on it changes only through review."""

from django.db import migrations
from django.utils import timezone


def publish_everything(apps, schema_editor):
    now = timezone.now()
    for name in ("Event", "Participant", "Source"):
        apps.get_model("events", name).objects.filter(state="draft").update(state="published", published_at=now)


class Migration(migrations.Migration):
    dependencies = [("events", "0004_publication")]

    operations = [migrations.RunPython(publish_everything, migrations.RunPython.noop)]
