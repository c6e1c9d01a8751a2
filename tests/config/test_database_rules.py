"""The database refuses to rewrite the record, whatever path a write takes: the ORM, raw SQL or a command.

Every test here runs on SQLite (make test) and on PostgreSQL (make test-postgres).
"""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from answers import review
from answers.models import Annotation, AnnotationSource
from config.history import history_models
from config.proposals import workflow
from config.proposals.models import Proposal
from config.triggers import InstallTriggers
from events.models import Event
from tests.conftest import published_revision

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(loaded_fixtures):
    """A published revision of a seed claim, with its sources and evidence."""
    return Annotation.objects.published().filter(sources__isnull=False, evidence__isnull=False).distinct().first()


def refused(write):
    """Run `write` in a savepoint and tell whether the database refused it."""
    try:
        with transaction.atomic():
            write()
    except IntegrityError:
        return True
    return False


def raw(sql, *params):
    return lambda: connection.cursor().execute(sql, params)


def snapshot(revision):
    row = Annotation.objects.filter(pk=revision.pk).values().get()
    return row, sorted(revision.sources.values_list("title", "url")), sorted(revision.evidence.values_list("pk"))


def test_every_trigger_the_migrations_declare_is_in_the_database():
    declared = {
        trigger.name
        for migration in MigrationLoader(connection).disk_migrations.values()
        for operation in migration.operations
        if isinstance(operation, InstallTriggers)
        for trigger in operation.triggers
    }
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        installed = {name for (name,) in cursor.fetchall()}
    assert len(declared) > 30 and declared <= installed


class TestAReviewedRevision:
    def test_cannot_go_back_to_draft_in_one_orm_call(self, published):
        before = snapshot(published)
        assert refused(
            lambda: Annotation.objects.filter(pk=published.pk).update(
                status="draft", reviewed_by=None, reviewed_at=None
            )
        )
        assert snapshot(published) == before

    def test_cannot_be_given_another_reviewer_comment_or_date(self, published, make_user):
        before = snapshot(published)
        other = make_user("someone-else", "Reviewers")
        for change in [{"reviewed_by": other}, {"review_comment": "Rewritten."}, {"reviewed_at": timezone.now()}]:
            assert refused(lambda change=change: Annotation.objects.filter(pk=published.pk).update(**change)), change
        assert refused(lambda: Annotation.objects.filter(pk=published.pk).update(verdict_label="Renamed"))
        assert snapshot(published) == before

    def test_cannot_have_its_rationale_rewritten_in_sql(self, published):
        before = snapshot(published)
        table = Annotation._meta.db_table
        assert refused(raw(f"UPDATE {table} SET rationale = %s WHERE id = %s", "Rewritten.", published.pk))
        assert snapshot(published) == before

    def test_cannot_be_deleted_in_sql(self, published):
        assert refused(raw(f"DELETE FROM {Annotation._meta.db_table} WHERE id = %s", published.pk))
        assert Annotation.objects.filter(pk=published.pk).exists()

    def test_keeps_its_sources_and_evidence(self, published):
        before = snapshot(published)
        Evidence = Annotation.evidence.through
        event = Event.objects.exclude(annotations=published).first()
        sources = AnnotationSource.objects.filter(annotation=published)
        attempts = [
            lambda: sources.delete(),
            lambda: sources.update(title="Rewritten."),
            lambda: AnnotationSource.objects.bulk_create(
                [AnnotationSource(annotation=published, title="Late", url="https://example.org/")]
            ),
            lambda: Evidence.objects.filter(annotation=published).delete(),
            lambda: Evidence.objects.bulk_create([Evidence(annotation=published, event=event)]),
            raw(f"DELETE FROM {Evidence._meta.db_table} WHERE annotation_id = %s", published.pk),
            raw(
                f"UPDATE {AnnotationSource._meta.db_table} SET url = %s WHERE annotation_id = %s",
                "https://x.example/",
                published.pk,
            ),
        ]
        for number, attempt in enumerate(attempts):
            assert refused(attempt), number
        assert snapshot(published) == before


def test_a_draft_cannot_be_published_without_submission_and_review(claim, editor, reviewer):
    draft = review.start_revision(claim, editor)
    rows = Annotation.objects.filter(pk=draft.pk)
    verdict = claim.annotations.model._meta.get_field("verdict").related_model.objects.get(slug="accurate")
    rows.update(verdict=verdict, rationale="Fine.", claim_text=claim.exact)
    assert refused(lambda: rows.update(status="published", reviewed_by=reviewer, reviewed_at=timezone.now()))
    assert refused(lambda: rows.update(status="submitted"))  # a submission has a date
    created = Annotation(claim=claim, revision=9, verdict=verdict, rationale="Forged.", claim_text=claim.exact)
    created.created_by, created.reviewed_by, created.status = editor, reviewer, "published"
    created.submitted_at = created.reviewed_at = timezone.now()
    created.verdict_label = verdict.label
    assert refused(lambda: Annotation.objects.bulk_create([created]))
    assert list(Annotation.objects.values_list("status", flat=True)) == ["draft"]


def test_a_revision_cannot_be_created_with_a_request_for_changes_nobody_made(claim, editor, reviewer):
    verdict = claim.annotations.model._meta.get_field("verdict").related_model.objects.get(slug="accurate")
    forged = Annotation(claim=claim, revision=9, verdict=verdict, rationale="Forged.", created_by=editor)
    forged.returned_by, forged.returned_at, forged.return_comment = reviewer, timezone.now(), "Say it was fine."
    assert refused(lambda: Annotation.objects.bulk_create([forged]))
    forged.returned_by = forged.returned_at = None
    assert refused(lambda: Annotation.objects.bulk_create([forged]))
    assert not Annotation.objects.exists()


def test_the_workflow_still_publishes_and_supersedes(claim, editor, other_editor, reviewer):
    first = published_revision(claim, editor, reviewer)
    second = published_revision(claim, other_editor, reviewer, "mostly-accurate", "Better.")
    first.refresh_from_db()
    assert (first.status, second.status) == ("superseded", "published")


class TestHistory:
    def test_rows_are_never_changed_or_deleted(self, loaded_fixtures, editor):
        workflow.propose_change(Event.objects.get(slug="treaty-of-kars"), editor, {"name": "Kars"})
        counts = {model: model.objects.count() for model in history_models()}
        assert all(counts.values())
        for model in history_models():
            rows = model.objects.all()
            assert refused(lambda rows=rows: rows.update(history_change_reason="Rewritten.")), model
            assert refused(lambda rows=rows: rows.delete()), model
            assert refused(raw(f"DELETE FROM {model._meta.db_table}")), model
        # The many-to-many links recorded with history rows too.
        for table in ("answers_historicalannotation_evidence", "events_historicalevent_participants"):
            assert refused(raw(f"DELETE FROM {table}")), table
            assert refused(raw(f"UPDATE {table} SET history_id = history_id")), table
        assert {model: model.objects.count() for model in history_models()} == counts
        assert not any(model.objects.filter(history_change_reason="Rewritten.").exists() for model in history_models())

    def test_pruning_commands_refuse(self, loaded_fixtures):
        counts = {model: model.objects.count() for model in history_models()}
        for command in (["clean_old_history", "--auto", "--days", "0"], ["clean_duplicate_history", "--auto"]):
            with pytest.raises(CommandError, match="History is never pruned"):
                call_command(*command, stdout=io.StringIO())
        assert {model: model.objects.count() for model in history_models()} == counts

    def test_copied_sources_have_history_rows(self, published, other_editor):
        draft = review.start_revision(published.claim, other_editor)
        copies = list(draft.sources.all())
        assert copies
        for source in copies:
            row = source.history.get()
            assert (row.history_type, row.history_user) == ("+", other_editor)
            assert row.history_change_reason == f"Copied from revision {published.revision}"


class TestPeopleInTheRecord:
    def test_a_user_with_history_cannot_be_deleted(self, loaded_fixtures, editor, reviewer):
        event = Event.objects.get(slug="treaty-of-kars")
        workflow.approve(workflow.propose_change(event, editor, {"summary": event.summary + " More."}), reviewer)
        with pytest.raises(ProtectedError), transaction.atomic():
            editor.delete()
        # History rows keep a key to their user: the database refuses the delete (keys are checked at commit).
        assert refused(
            lambda: (raw("DELETE FROM auth_user WHERE id = %s", editor.pk)(), connection.check_constraints())
        )
        assert event.history.filter(history_user=editor).exists()

    def test_the_admin_offers_deactivation_instead_and_says_why(self, admin_client, loaded_fixtures, editor, reviewer):
        event = Event.objects.get(slug="treaty-of-kars")
        workflow.approve(workflow.propose_change(event, editor, {"summary": event.summary + " More."}), reviewer)
        assert (
            admin_client.post(reverse("admin:auth_user_delete", args=[editor.pk]), {"post": "yes"}).status_code == 403
        )
        page = admin_client.get(reverse("admin:auth_user_change", args=[editor.pk])).content.decode()
        assert "cannot be deleted" in page and "Untick" in page
        response = admin_client.post(
            reverse("admin:auth_user_changelist"),
            {"action": "deactivate", "_selected_action": [editor.pk]},
            follow=True,
        )
        assert "1 user was deactivated." in [str(message) for message in response.context["messages"]]
        editor.refresh_from_db()
        assert not editor.is_active

    def test_a_user_without_history_can_still_be_deleted(self, make_user):
        user = make_user("never-did-anything")
        user.delete()


class TestProposals:
    def test_a_decided_proposal_is_final_and_never_deleted(self, loaded_fixtures, editor, reviewer):
        event = Event.objects.get(slug="treaty-of-kars")
        proposal = workflow.approve(workflow.propose_change(event, editor, {"name": "Kars"}), reviewer)
        rows = Proposal.objects.filter(pk=proposal.pk)
        assert refused(lambda: rows.update(status="rejected"))
        assert refused(lambda: rows.update(review_comment="Rewritten."))
        assert refused(lambda: rows.delete())
        assert refused(lambda: Proposal.history.all().delete())
        assert rows.get().status == "approved"

    def test_a_pending_proposal_cannot_be_rewritten_or_created_decided(self, loaded_fixtures, editor, reviewer):
        event = Event.objects.get(slug="treaty-of-kars")
        proposal = workflow.propose_change(event, editor, {"name": "Kars"})
        table = Proposal._meta.db_table
        assert refused(raw(f"UPDATE {table} SET changes = %s WHERE id = %s", '{"name": "Forged"}', proposal.pk))
        assert refused(lambda: Proposal.objects.filter(pk=proposal.pk).update(created_by=reviewer))
        assert Proposal.objects.get(pk=proposal.pk).changes == {"name": "Kars"}
        forged = Proposal(content_type=proposal.content_type, object_id=event.pk, target_label="x", kind="change")
        forged.changes, forged.status, forged.created_by = {"name": "Forged"}, "approved", editor
        forged.reviewed_by, forged.reviewed_at, forged.closed_at = reviewer, timezone.now(), timezone.now()
        assert refused(lambda: Proposal.objects.bulk_create([forged]))
