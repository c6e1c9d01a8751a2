"""A reviewer may send a pending proposal back to its author with a comment: it closes as returned ("changes
requested"), decided once like an approval or a rejection, by a reviewer who is not its author.

Only the check constraint changes; on SQLite rebuilding the table would drop the proposal triggers, so they are kept.
"""

from django.conf import settings
from django.db import migrations, models

from config.triggers import KeepTriggers


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("proposals", "0002_proposals_are_final"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        KeepTriggers(
            ["proposals_proposal", "proposals_historicalproposal"],
            [
                migrations.RemoveConstraint(
                    model_name="proposal",
                    name="proposal_reviewed_exactly_when_decided",
                ),
                migrations.AlterField(
                    model_name="historicalproposal",
                    name="status",
                    field=models.CharField(
                        choices=[
                            ("pending", "waiting for review"),
                            ("approved", "approved"),
                            ("rejected", "rejected"),
                            ("returned", "changes requested"),
                            ("withdrawn", "withdrawn by its author"),
                        ],
                        default="pending",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                migrations.AlterField(
                    model_name="proposal",
                    name="status",
                    field=models.CharField(
                        choices=[
                            ("pending", "waiting for review"),
                            ("approved", "approved"),
                            ("rejected", "rejected"),
                            ("returned", "changes requested"),
                            ("withdrawn", "withdrawn by its author"),
                        ],
                        default="pending",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="proposal",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("closed_at__isnull", True), ("reviewed_by__isnull", True), ("status", "pending")),
                            models.Q(
                                ("closed_at__isnull", False), ("reviewed_by__isnull", True), ("status", "withdrawn")
                            ),
                            models.Q(
                                ("closed_at__isnull", False),
                                ("reviewed_at__isnull", False),
                                ("reviewed_by__isnull", False),
                                ("status__in", ["approved", "rejected", "returned"]),
                            ),
                            _connector="OR",
                        ),
                        name="proposal_reviewed_exactly_when_decided",
                    ),
                ),
            ],
        ),
    ]
