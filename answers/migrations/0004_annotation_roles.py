"""Formerly granted the annotation permissions to the Editors and Reviewers groups.

The roles are declared once, in answers/roles.py, and applied after every migrate (and flush) by a
post_migrate handler; this migration is kept empty so that the migration graph of existing databases,
which applied it, stays the same.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("answers", "0003_annotations")]

    operations = []
