"""A published page changes only through an approved proposal, in the database too; its history is append-only.

The database cannot see who approves, but it can see what was proposed: a published page's text changes
only to exactly what a pending proposal for it proposes (which the workflow then closes as approved), and
its publication moves only while a pending request to publish or withdraw it waits. A published page is
never deleted. `->>` reads a proposal's JSON alike on SQLite (3.38 and later) and PostgreSQL.
"""

from django.db import migrations

from config.triggers import InstallTriggers, Trigger, append_only, changed

TABLE = "pages_page"
CONTENT = ["slug", "title", "body"]
PAGE_TYPE = "(SELECT id FROM django_content_type WHERE app_label = 'pages' AND model = 'page')"


def pending(kind, *conditions):
    """Return SQL that is true when a pending proposal of `kind` for the row exists, meeting `conditions`."""
    where = " AND ".join(
        [
            f"proposal.content_type_id = {PAGE_TYPE}",
            "proposal.object_id = OLD.id",
            f"proposal.kind = '{kind}'",
            "proposal.status = 'pending'",
            *conditions,
        ]
    )
    return f"EXISTS (SELECT 1 FROM proposals_proposal AS proposal WHERE {where})"


AS_PROPOSED = [f"NEW.{column} = COALESCE(proposal.changes ->> '{column}', OLD.{column})" for column in CONTENT]
AS_PROPOSED.append("NEW.position = COALESCE(CAST(proposal.changes ->> 'position' AS INTEGER), OLD.position)")


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_explanatory_pages"),
        ("proposals", "0003_proposals_can_be_returned"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        InstallTriggers(
            Trigger(
                "published_page_changes_as_proposed",
                TABLE,
                "UPDATE",
                f"OLD.published_at IS NOT NULL AND {changed(*CONTENT, 'position')} "
                f"AND NOT {pending('change', *AS_PROPOSED)}",
                "A published page changes only through an approved proposal.",
            ),
            Trigger(
                "published_page_publication_through_review",
                TABLE,
                "UPDATE",
                f"OLD.published_at IS NOT NULL AND {changed('state', 'published_at', 'withdrawn_at')} "
                f"AND NOT ((NEW.state = 'published' AND {pending('publish')}) "
                f"OR (NEW.state = 'withdrawn' AND {pending('withdraw')}))",
                "A published page is withdrawn or published again only through an approved proposal.",
            ),
            Trigger(
                "published_page_never_deleted",
                TABLE,
                "DELETE",
                "OLD.published_at IS NOT NULL",
                "A published page is never deleted; it is withdrawn, through review.",
            ),
            *append_only("pages_historicalpage"),
        ),
    ]
