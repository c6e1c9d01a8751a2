"""Formerly created the Editors and Reviewers groups.

The roles are declared once, in answers/roles.py, and applied after every migrate (and flush) by a
post_migrate handler; this migration is kept empty so that the migration graph of existing databases,
which applied it, stays the same. Their groups are left as they are.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("answers", "0001_initial"),
        ("events", "0001_initial"),
    ]

    operations = []
