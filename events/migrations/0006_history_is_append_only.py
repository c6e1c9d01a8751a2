"""History is append-only, in the database: rows of the history tables are never changed or deleted."""

from django.db import migrations

from config.triggers import InstallTriggers, append_only

HISTORY = ["event", "participant", "source", "event_participants"]


class Migration(migrations.Migration):
    dependencies = [("events", "0005_publish_the_existing_timeline")]

    operations = [
        InstallTriggers(*(trigger for name in HISTORY for trigger in append_only(f"events_historical{name}")))
    ]
