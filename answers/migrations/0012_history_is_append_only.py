"""History is append-only, in the database: rows of the history tables are never changed or deleted."""

from django.db import migrations

from config.triggers import InstallTriggers, append_only

HISTORY = ["question", "author", "answer", "claim", "verdict", "annotation", "annotation_evidence", "annotationsource"]


class Migration(migrations.Migration):
    dependencies = [("answers", "0011_frozen_sources_and_evidence")]

    operations = [
        InstallTriggers(*(trigger for name in HISTORY for trigger in append_only(f"answers_historical{name}")))
    ]
