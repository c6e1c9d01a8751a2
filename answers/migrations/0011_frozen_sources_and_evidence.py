"""The sources and evidence of a submitted or reviewed revision never change, in the database.

Rows of a revision that is not a draft cannot be added, changed or removed (see config/triggers.py).
"""

from django.db import migrations

from config.triggers import InstallTriggers, Trigger, changed


def status_of(row):
    return f"(SELECT status FROM answers_annotation WHERE id = {row}.annotation_id)"


def frozen_with_its_revision(table, columns, what):
    message = f"The {what} of a submitted or reviewed revision cannot change."
    return [
        Trigger(f"{table}_added_only_to_drafts", table, "INSERT", f"{status_of('NEW')} <> 'draft'", message),
        Trigger(
            f"{table}_changed_only_in_drafts",
            table,
            "UPDATE",
            f"{changed(*columns)} AND ({status_of('OLD')} <> 'draft' OR {status_of('NEW')} <> 'draft')",
            message,
        ),
        Trigger(f"{table}_removed_only_from_drafts", table, "DELETE", f"{status_of('OLD')} <> 'draft'", message),
    ]


class Migration(migrations.Migration):
    dependencies = [("answers", "0010_frozen_revisions")]

    operations = [
        # A revision's sources: web pages it cites.
        InstallTriggers(
            *frozen_with_its_revision("answers_annotationsource", ["annotation_id", "title", "url"], "sources")
        ),
        # A revision's evidence: the timeline events it cites.
        InstallTriggers(
            *frozen_with_its_revision("answers_annotation_evidence", ["annotation_id", "event_id"], "evidence")
        ),
    ]
