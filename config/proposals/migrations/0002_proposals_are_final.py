"""A proposal is a record, in the database: made pending, decided once, never rewritten or deleted.

Each trigger enforces one rule (see config/triggers.py); its history is append-only too.
"""

from django.db import migrations

from config.triggers import InstallTriggers, Trigger, append_only, changed

TABLE = "proposals_proposal"
WHAT_WAS_PROPOSED = ["content_type_id", "object_id", "target_label", "kind", "changes", "before", "base_version"]
WHAT_WAS_PROPOSED += ["note", "created_by_id", "created_at"]
DECISION = ["reviewed_by_id", "reviewed_at", "review_comment", "closed_at"]


class Migration(migrations.Migration):
    dependencies = [("proposals", "0001_initial")]

    operations = [
        InstallTriggers(
            # A proposal starts by waiting for review.
            Trigger(
                "proposal_created_pending",
                TABLE,
                "INSERT",
                "NEW.status <> 'pending'",
                "A proposal is created waiting for review.",
            ),
            # What was proposed never changes, pending or decided: a reviewer decides on what the editor wrote.
            Trigger(
                "proposal_content_never_changes",
                TABLE,
                "UPDATE",
                changed(*WHAT_WAS_PROPOSED),
                "What a proposal proposes never changes; make a new proposal instead.",
            ),
            # It is decided once: pending → approved, rejected or withdrawn, and then final.
            Trigger(
                "proposal_decided_once",
                TABLE,
                "UPDATE",
                f"OLD.status <> 'pending' AND ({changed('status', *DECISION)})",
                "A decided proposal is final.",
            ),
            # Proposals are never deleted.
            Trigger("proposal_never_deleted", TABLE, "DELETE", "1 = 1", "Proposals are kept for the record."),
            *append_only("proposals_historicalproposal"),
        ),
    ]
