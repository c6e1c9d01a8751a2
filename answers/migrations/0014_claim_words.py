"""Index every claim's words, so that an event change rechecks only the claims that may name the event."""

import django.db.models.deletion
from django.db import migrations, models

from answers.mentions import normalise


def index_existing_claims(apps, schema_editor):
    Claim, ClaimWord = apps.get_model("answers", "Claim"), apps.get_model("answers", "ClaimWord")
    ClaimWord.objects.bulk_create(
        ClaimWord(claim_id=pk, word=word)
        for pk, exact in Claim.objects.values_list("pk", "exact").iterator()
        for word in sorted({word for word in normalise(exact)[0].split() if len(word) <= 100})
    )


class Migration(migrations.Migration):
    dependencies = [
        ("answers", "0013_author_name_key"),
    ]

    operations = [
        migrations.CreateModel(
            name="ClaimWord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("word", models.CharField(max_length=100, verbose_name="word")),
                (
                    "claim",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="words",
                        to="answers.claim",
                        verbose_name="claim",
                    ),
                ),
            ],
            options={
                "verbose_name": "claim word",
                "verbose_name_plural": "claim words",
                "constraints": [models.UniqueConstraint(fields=("word", "claim"), name="claim_word_once")],
            },
        ),
        migrations.RunPython(index_existing_claims, migrations.RunPython.noop),
    ]
