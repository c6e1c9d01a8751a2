"""Check every claim's dates against the timeline and print the results.

``manage.py check_claims [--format table|json] [--question SLUG]``. The results are also stored, as the
admin shows them. They are hints for editors: nothing here publishes or changes a verdict.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from answers.models import Claim, Question
from answers.models.checks import recheck
from config.text import printable


class Command(BaseCommand):
    help = "Check claims against the timeline (consistent, conflict, unknown-event, no-event, no-dates) and print them."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["table", "json"], default="table", help="Output format.")
        parser.add_argument("--question", metavar="SLUG", help="Only the claims of this question.")

    def handle(self, *args, format, question, **options):
        claims = Claim.objects.select_related("answer__question").order_by(
            "answer__question__slug", "answer__position", "start", "pk"
        )
        if question is not None:
            if not Question.objects.filter(slug=question).exists():
                raise CommandError(f"--question: there is no question with the slug {question!r}")
            claims = claims.filter(answer__question__slug=question)
        recheck(claims, index=True)
        rows = [
            {
                "id": claim.pk,
                "text": claim.exact,
                "check": claim.timeline_check.result,
                "explanation": claim.timeline_check.explanation,
            }
            for claim in claims.select_related("timeline_check")
        ]
        if format == "json":
            # Escapes in JSON's own form: the output is still JSON, and echoes no control character raw.
            self.stdout.write(printable(json.dumps(rows, ensure_ascii=False, indent=2)))
            return
        for row in rows:
            self.stdout.write(printable(f"{row['id']:>5}  {row['check']:<13}  {row['text']}", newlines=False))
            self.stdout.write(printable(f"{'':>5}  {'':<13}  → {row['explanation']}", newlines=False))
        counts = {}
        for row in rows:
            counts[row["check"]] = counts.get(row["check"], 0) + 1
        summary = ", ".join(f"{count} {name}" for name, count in sorted(counts.items()))
        self.stdout.write(self.style.SUCCESS(f"{len(rows)} claims checked: {summary or 'none'}."))
