"""A reviewer may send a submitted revision back to its editor as a draft, with a comment; its editor may withdraw it.

The workflow trigger gains the way back from submitted to draft (content stays frozen until it is a draft again);
the request for changes is written only by that step, and never by the revision's author.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from config.triggers import InstallTriggers, KeepTriggers, ReplaceTrigger, Trigger, changed

TABLE = "answers_annotation"
OLD_WORKFLOW = (
    "OLD.status = NEW.status"
    " OR (OLD.status = 'draft' AND NEW.status = 'submitted' AND NEW.submitted_at IS NOT NULL)"
    " OR (OLD.status = 'submitted' AND NEW.status IN ('published', 'rejected'))"
    " OR (OLD.status = 'published' AND NEW.status = 'superseded')"
)
WORKFLOW = OLD_WORKFLOW + " OR (OLD.status = 'submitted' AND NEW.status = 'draft')"


def workflow(condition, message):
    return Trigger("annotation_moves_by_the_workflow", TABLE, "UPDATE", f"NOT ({condition})", message)


class Migration(migrations.Migration):
    dependencies = [
        ("answers", "0019_staged_imports"),
        ("events", "0009_event_timeline_order"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        KeepTriggers(
            [TABLE, "answers_historicalannotation"],
            [
                migrations.AddField(
                    model_name="annotation",
                    name="return_comment",
                    field=models.TextField(
                        blank=True,
                        help_text="What the reviewer asked the editor to change before submitting again.",
                        verbose_name="changes requested",
                    ),
                ),
                migrations.AddField(
                    model_name="annotation",
                    name="returned_at",
                    field=models.DateTimeField(blank=True, null=True, verbose_name="changes requested at"),
                ),
                migrations.AddField(
                    model_name="annotation",
                    name="returned_by",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="The reviewer who last sent this revision back to its editor.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="annotations_returned",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="changes requested by",
                    ),
                ),
                migrations.AddField(
                    model_name="historicalannotation",
                    name="return_comment",
                    field=models.TextField(
                        blank=True,
                        help_text="What the reviewer asked the editor to change before submitting again.",
                        verbose_name="changes requested",
                    ),
                ),
                migrations.AddField(
                    model_name="historicalannotation",
                    name="returned_at",
                    field=models.DateTimeField(blank=True, null=True, verbose_name="changes requested at"),
                ),
                migrations.AddField(
                    model_name="historicalannotation",
                    name="returned_by",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The reviewer who last sent this revision back to its editor.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="changes requested by",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="annotation",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            ("returned_by__isnull", True),
                            models.Q(("returned_by", models.F("created_by")), _negated=True),
                            _connector="OR",
                        ),
                        name="annotation_not_returned_by_its_author",
                        violation_error_message="Nobody may review their own revision.",
                    ),
                ),
            ],
        ),
        # The status follows the workflow, and a submitted revision may go back to its editor as a draft.
        ReplaceTrigger(
            workflow(
                OLD_WORKFLOW,
                "A revision moves only from draft to submitted, to published or rejected, and to superseded.",
            ),
            workflow(
                WORKFLOW,
                "A revision moves only from draft to submitted, back to draft, to published or rejected, and to "
                "superseded.",
            ),
        ),
        # The request for changes is written when a reviewer sends the revision back, and only then.
        InstallTriggers(
            Trigger(
                "annotation_return_written_when_returned",
                TABLE,
                "UPDATE",
                f"{changed('returned_by_id', 'returned_at', 'return_comment')}"
                " AND NOT (OLD.status = 'submitted' AND NEW.status = 'draft' AND NEW.returned_by_id IS NOT NULL)",
                "A request for changes is recorded when a reviewer sends a revision back, and never changed.",
            ),
        ),
    ]
