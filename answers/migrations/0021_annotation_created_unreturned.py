"""A revision is created without a request for changes: only a reviewer sending it back records one.

Migration 0020 keeps UPDATEs from writing the request for changes outside that step; this closes INSERT,
through which a database login could otherwise put words in a reviewer's mouth.
"""

from django.db import migrations

from config.triggers import InstallTriggers, Trigger


class Migration(migrations.Migration):
    dependencies = [("answers", "0020_annotation_changes_requested")]

    operations = [
        InstallTriggers(
            Trigger(
                "annotation_created_unreturned",
                "answers_annotation",
                "INSERT",
                "NEW.returned_by_id IS NOT NULL OR NEW.returned_at IS NOT NULL OR NEW.return_comment <> ''",
                "A revision is created without a request for changes; only a reviewer sending it back records one.",
            ),
        ),
    ]
