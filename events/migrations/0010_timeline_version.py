import secrets

from django.db import migrations, models

from config.triggers import Counter, InstallTriggers

COLUMNS = ("name", "aliases", "start_date", "start_precision", "end_date", "end_precision")


def first_version(apps, schema_editor):
    # A random token, as the triggers write: two databases never share a version, even behind one cache.
    apps.get_model("events", "TimelineVersion").objects.using(schema_editor.connection.alias).create(
        pk=1, number=1, token=secrets.token_hex(16)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0009_event_timeline_order"),
    ]

    operations = [
        migrations.CreateModel(
            name="TimelineVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.BigIntegerField(default=0, verbose_name="number")),
                ("token", models.CharField(max_length=32, verbose_name="token")),
            ],
            options={
                "verbose_name": "timeline version",
                "verbose_name_plural": "timeline versions",
            },
        ),
        migrations.RunPython(first_version, migrations.RunPython.noop),
        InstallTriggers(
            Counter("event_added_timeline_version", "events_event", "INSERT", "events_timelineversion"),
            Counter("event_deleted_timeline_version", "events_event", "DELETE", "events_timelineversion"),
            Counter("event_changed_timeline_version", "events_event", "UPDATE", "events_timelineversion", COLUMNS),
        ),
    ]
