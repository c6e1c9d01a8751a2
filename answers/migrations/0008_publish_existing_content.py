"""Mark the content readers already saw as published, and record what each reviewed revision was about.

Questions, authors, answers, claims and verdicts that exist were public: they are published from now on
and change only through review. Every submitted or decided revision records the claim's words it
reviewed and (once published) the verdict's label, read from the history as of that moment.
"""

from django.db import migrations
from django.utils import timezone


def as_of(history, moment, **lookup):
    """Return the newest history row matching `lookup` recorded at or before `moment`, or None."""
    rows = history.objects.filter(**lookup).order_by("-history_date", "-history_id")
    return (rows.filter(history_date__lte=moment).first() if moment else None) or rows.first()


def publish_and_record(apps, schema_editor):
    now = timezone.now()
    for name in ("Question", "Author", "Answer", "Claim", "Verdict"):
        apps.get_model("answers", name).objects.filter(state="draft").update(state="published", published_at=now)
    Annotation = apps.get_model("answers", "Annotation")
    HistoricalClaim = apps.get_model("answers", "HistoricalClaim")
    HistoricalVerdict = apps.get_model("answers", "HistoricalVerdict")
    for revision in Annotation.objects.exclude(status="draft").select_related("claim", "verdict"):
        claim = as_of(HistoricalClaim, revision.submitted_at, id=revision.claim_id)
        revision.claim_text = claim.exact if claim else revision.claim.exact
        if revision.status in ("published", "superseded", "rejected") and revision.verdict_id:
            verdict = as_of(HistoricalVerdict, revision.reviewed_at, id=revision.verdict_id)
            revision.verdict_label = verdict.label if verdict else revision.verdict.label
        Annotation.objects.filter(pk=revision.pk).update(
            claim_text=revision.claim_text, verdict_label=revision.verdict_label
        )


class Migration(migrations.Migration):
    dependencies = [("answers", "0007_publication_and_reviewed_wording")]

    operations = [migrations.RunPython(publish_and_record, migrations.RunPython.noop)]
