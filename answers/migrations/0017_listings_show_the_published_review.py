"""A claim listing shows the claim's published review, in the database: no write may make it show another.

The lists read each claim's verdict from its listing (answers/models/listings.py). Someone with a
database login who rewrote a listing could show readers a verdict nobody reviewed; these triggers refuse
any listing whose revision, verdict or review date is not the claim's published revision's.
"""

from django.db import migrations

from config.triggers import InstallTriggers, Trigger

PUBLISHED = "SELECT id FROM answers_annotation WHERE claim_id = NEW.claim_id AND status = 'published'"
CONDITION = (
    f"NEW.published_revision_id IS DISTINCT FROM ({PUBLISHED})"
    " OR NEW.verdict_id IS DISTINCT FROM (SELECT verdict_id FROM answers_annotation WHERE id = NEW.published_revision_id)"
    " OR NEW.reviewed_at IS DISTINCT FROM (SELECT reviewed_at FROM answers_annotation WHERE id = NEW.published_revision_id)"
)
MESSAGE = "A claim listing shows the claim's published revision, its verdict and review date, and nothing else."


class Migration(migrations.Migration):
    dependencies = [("answers", "0016_question_list_order")]

    operations = [
        InstallTriggers(
            Trigger("claim_listing_shows_the_published_review", "answers_claimlisting", "INSERT", CONDITION, MESSAGE),
            Trigger(
                "claim_listing_keeps_showing_the_published_review", "answers_claimlisting", "UPDATE", CONDITION, MESSAGE
            ),
        )
    ]
