"""Participants are compared by their names' look, so a look-alike participant is refused by the database too."""

from django.db import migrations, models

from config.text import fill_name_keys


class Migration(migrations.Migration):
    dependencies = [("events", "0006_history_is_append_only")]

    operations = [
        migrations.AddField(
            model_name="participant",
            name="name_key",
            field=models.TextField(default="", editable=False, verbose_name="name as compared"),
            preserve_default=False,
        ),
        migrations.RunPython(fill_name_keys("events", "Participant"), migrations.RunPython.noop),
        migrations.AlterField(
            model_name="participant",
            name="name_key",
            field=models.TextField(editable=False, unique=True, verbose_name="name as compared"),
        ),
    ]
