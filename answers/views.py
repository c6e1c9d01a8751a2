"""Public pages: published content and published revisions only.

Lists show what is live now; a detail page stays reachable for everything readers ever saw, and says
so when it was withdrawn, orphaned or renamed (an old slug redirects).
"""

from collections import Counter

from django.db.models import Count, Prefetch, Q
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from answers import anchoring
from answers.claimreview import claim_review
from answers.filters import ClaimFilter, QuestionFilter
from answers.models import Annotation, Answer, Author, Claim, Question, Verdict
from config.proposals.models import State
from config.views import OldSlugRedirectMixin

PAGE_SIZE = 25


def verdict_counts(claims):
    """Return [(verdict or None, count)] for `claims`, in the vocabulary's order, unreviewed last.

    A claim whose words changed since its verdict was reviewed counts as not reviewed.
    """
    counts = Counter(claim.current_verdict for claim in claims)
    reviewed = sorted((verdict for verdict in counts if verdict), key=lambda verdict: (verdict.position, verdict.label))
    return [(verdict, counts[verdict]) for verdict in reviewed] + ([(None, counts[None])] if counts[None] else [])


def answers_with_claims(answers):
    """Cut each answer's text into plain and claimed pieces, and count its claims' verdicts."""
    for answer in answers:
        claims = list(answer.public_claims)
        answer.pieces = anchoring.segments(answer.body, [(claim.start, claim.end, claim) for claim in claims])
        answer.verdict_counts = verdict_counts(claims)
    return answers


def public_answers():
    """Return the answers readers see, each with the claims readers see."""
    return (
        Answer.objects.visible()
        .select_related("author", "question")
        .prefetch_related(Prefetch("claims", queryset=Claim.objects.public(), to_attr="public_claims"))
    )


class HomeView(TemplateView):
    template_name = "answers/home.html"

    def get_context_data(self, **kwargs):
        published = Annotation.objects.published().filter(claim__in=Claim.objects.visible())
        return super().get_context_data(
            latest=published.select_related("verdict", "claim__answer__author", "claim__answer__question").order_by(
                "-reviewed_at", "-pk"
            )[:8],
            verdicts=Verdict.objects.live()
            .annotate(published_count=Count("annotations", filter=Q(annotations__in=published)))
            .order_by("position", "label"),
            questions=Question.objects.live().order_by("-captured_on", "text")[:5],
            counts={
                "questions": Question.objects.live().count(),
                "claims": Claim.objects.visible().count(),
                "reviewed": published.count(),
            },
            **kwargs,
        )


class QuestionListView(FilterView):
    filterset_class = QuestionFilter
    template_name = "answers/question_list.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        live = State.PUBLISHED
        return (
            Question.objects.live()
            .annotate(
                answer_count=Count("answers", filter=Q(answers__state=live), distinct=True),
                claim_count=Count(
                    "answers__claims",
                    filter=Q(answers__state=live, answers__claims__state=live, answers__claims__orphaned=False),
                    distinct=True,
                ),
            )
            .order_by("text", "pk")
        )


class QuestionDetailView(OldSlugRedirectMixin, DetailView):
    model = Question
    template_name = "answers/question_detail.html"

    def get_queryset(self):
        return Question.objects.on_record()

    def get_context_data(self, **kwargs):
        answers = []
        if self.object.is_live:
            answers = answers_with_claims(list(public_answers().filter(question=self.object).order_by("position")))
        return super().get_context_data(answers=answers, legend=Verdict.objects.live(), **kwargs)


class ClaimListView(FilterView):
    filterset_class = ClaimFilter
    template_name = "answers/claim_list.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        # Orphaned and withdrawn claims are here too, for the status filter; the filter leaves them out by default.
        live = State.PUBLISHED
        return (
            Claim.objects.on_record()
            .filter(answer__state=live, answer__question__state=live)
            .with_public_review()
            .order_by("answer__question__text", "answer__position", "start", "pk")
        )


class ClaimDetailView(DetailView):
    template_name = "answers/claim_detail.html"
    context_object_name = "claim"

    def get_queryset(self):
        # Every claim readers ever saw, in an answer and a question they saw too.
        return (
            Claim.objects.on_record()
            .filter(answer__published_at__isnull=False, answer__question__published_at__isnull=False)
            .with_public_review()
        )

    def get_context_data(self, **kwargs):
        claim = self.object
        body = claim.answer.body
        start, end = anchoring.paragraph_around(body, claim.start, claim.end)
        revisions = list(
            claim.annotations.public()
            .select_related("verdict", "created_by", "reviewed_by")
            .prefetch_related("evidence", "sources")
            .order_by("revision")
        )
        history = []
        for previous, revision in zip([None, *revisions], revisions, strict=False):
            changed = [label for label, _, _, differs in revision.changes_from(previous) if differs]
            history.append((revision, changed if previous else []))
        published = next((revision for revision in revisions if revision.is_published), None)
        return super().get_context_data(
            before=body[start : claim.start],
            after=body[claim.end : end],
            published=published,
            history=list(reversed(history)),
            question_withdrawn=claim.answer.question.is_withdrawn or claim.answer.is_withdrawn,
            claim_review=claim_review(claim, published) if claim.is_visible else None,
            **kwargs,
        )


class AuthorDetailView(OldSlugRedirectMixin, DetailView):
    model = Author
    template_name = "answers/author_detail.html"

    def get_queryset(self):
        return Author.objects.on_record()

    def get_context_data(self, **kwargs):
        answers = answers_with_claims(
            list(public_answers().filter(author=self.object).order_by("question__text", "position"))
        )
        claims = [claim for answer in answers for claim in answer.public_claims]
        return super().get_context_data(
            answers=answers, verdict_counts=verdict_counts(claims), claim_total=len(claims), **kwargs
        )
