"""Frozen means frozen, in the database: an annotation revision moves only through the review workflow.

Each trigger enforces one rule, whatever path a write takes (see config/triggers.py).
"""

from django.db import migrations

from config.triggers import InstallTriggers, Trigger, changed

TABLE = "answers_annotation"
CONTENT = ["claim_id", "revision", "verdict_id", "rationale", "based_on_id", "created_by_id", "created_at"]
CONTENT += ["claim_text", "submitted_at"]
REVIEW = ["reviewed_by_id", "reviewed_at", "review_comment", "verdict_label"]
WORKFLOW = (
    "OLD.status = NEW.status"
    " OR (OLD.status = 'draft' AND NEW.status = 'submitted' AND NEW.submitted_at IS NOT NULL)"
    " OR (OLD.status = 'submitted' AND NEW.status IN ('published', 'rejected'))"
    " OR (OLD.status = 'published' AND NEW.status = 'superseded')"
)


class Migration(migrations.Migration):
    dependencies = [("answers", "0009_annotations_record_what_they_reviewed")]

    operations = [
        InstallTriggers(
            # Nothing is published without submission and review: a revision starts as a draft.
            Trigger(
                "annotation_created_as_draft",
                TABLE,
                "INSERT",
                "NEW.status <> 'draft'",
                "A revision is created as a draft; only submission and review publish it.",
            ),
            # The status follows the workflow: draft → submitted → published or rejected, published → superseded.
            Trigger(
                "annotation_moves_by_the_workflow",
                TABLE,
                "UPDATE",
                f"NOT ({WORKFLOW})",
                "A revision moves only from draft to submitted, to published or rejected, and to superseded.",
            ),
            # Submitted content never changes: claim, verdict, rationale, base, author, dates, reviewed words.
            Trigger(
                "annotation_content_frozen_once_submitted",
                TABLE,
                "UPDATE",
                f"OLD.status <> 'draft' AND {changed(*CONTENT)}",
                "A submitted, published, rejected or superseded revision cannot change.",
            ),
            # The review (reviewer, date, comment, the label published under) is written once, by the decision.
            Trigger(
                "annotation_review_written_once",
                TABLE,
                "UPDATE",
                f"{changed(*REVIEW)} AND NOT (OLD.status = 'submitted' AND NEW.status IN ('published', 'rejected'))",
                "A revision's review is recorded when it is decided, and never changed.",
            ),
            # Only drafts are deleted; reviewed revisions are kept for good.
            Trigger(
                "annotation_deleted_only_as_draft",
                TABLE,
                "DELETE",
                "OLD.status <> 'draft'",
                "Only drafts can be deleted; reviewed revisions are kept for good.",
            ),
        ),
    ]
