"""Public pages: published content and published revisions only.

Lists show what is live now; a detail page stays reachable for everything readers ever saw, and says
so when it was withdrawn, orphaned or renamed (an old slug redirects).
"""

from collections import Counter

from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from answers import anchoring
from answers.blocks import blocks
from answers.claimreview import claim_review
from answers.filters import ClaimFilter, QuestionFilter
from answers.models import Answer, Author, Claim, ClaimListing, Question, Tally, Verdict
from answers.models.content import TEXT_ORDER
from answers.models.listings import PAGE_ORDER, list_tally
from config.pages.models import VERDICTS, Page
from config.pagination import BoundedCount, KeysetPaginationMixin
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
    """Cut each answer's text into paragraphs and lists of plain and claimed pieces; count its claims' verdicts."""
    for answer in answers:
        claims = list(answer.public_claims)
        pieces = anchoring.segments(answer.body, [(claim.start, claim.end, claim) for claim in claims])
        answer.blocks = blocks(answer.body, pieces)
        answer.verdict_counts = verdict_counts(claims)
    return answers


def listing_cards(listings):
    """Fetch what a claim card shows of each listing: its claim, question, author and published review."""
    return listings.select_related("claim", "question", "author", "verdict", "published_revision")


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
        # Each number links to a claim list and reads the tally that list counts itself by (list_tally).
        verdicts = list(Verdict.objects.live())
        claims, reviewed = list_tally(), list_tally("status", "reviewed")
        counts = Tally.read(claims, reviewed, *(list_tally("verdict", verdict) for verdict in verdicts))
        for verdict in verdicts:
            verdict.published_count = counts[list_tally("verdict", verdict)]
        return super().get_context_data(
            latest=listing_cards(ClaimListing.objects.listed().filter(published_revision__isnull=False)).order_by(
                "-review_order", "-claim_id"
            )[:8],
            verdicts=verdicts,
            questions=Question.objects.live().order_by("-captured_on", "-pk")[:5],
            counts={
                "questions": Question.objects.live().count(),
                "claims": counts[claims],
                "reviewed": counts[reviewed],
            },
            **kwargs,
        )


class QuestionListView(FilterView):
    filterset_class = QuestionFilter
    template_name = "answers/question_list.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        live = State.PUBLISHED
        answers = Answer.objects.filter(question=OuterRef("pk"), state=live).order_by().values("question")
        return Question.objects.live().annotate(
            text_order=TEXT_ORDER, answer_count=Subquery(answers.annotate(count=Count("pk")).values("count"))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        questions = context["object_list"]
        counts = Tally.read(*(f"question:{question.pk}" for question in questions))
        for question in questions:
            question.claim_count = counts[f"question:{question.pk}"]
            question.answer_count = question.answer_count or 0
        return context

    def paginate_queryset(self, queryset, page_size):
        return super().paginate_queryset(queryset.order_by(*self.filterset.ordering_names()), page_size)


class QuestionDetailView(OldSlugRedirectMixin, DetailView):
    model = Question
    template_name = "answers/question_detail.html"
    answers_per_page = 10

    def get_queryset(self):
        return Question.objects.on_record()

    def get_context_data(self, **kwargs):
        page = None
        if self.object.is_live:
            answers = public_answers().filter(question=self.object).order_by("position")
            page = Paginator(answers, self.answers_per_page).get_page(self.request.GET.get("page"))
            answers_with_claims(page.object_list)
        return super().get_context_data(
            answers=page.object_list if page else [], page_obj=page, legend=Verdict.objects.live(), **kwargs
        )


class ClaimListView(KeysetPaginationMixin, FilterView):
    filterset_class = ClaimFilter
    template_name = "answers/claim_list.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        # Orphaned and withdrawn claims are here too, for the status filter; the filter leaves them out by default.
        return listing_cards(ClaimListing.objects.on_record())

    def get_ordering_names(self, count):
        names = self.filterset.ordering_names()
        self.unranked = names == ClaimFilter.RELEVANCE and count.more
        # Ranking costs as much as there are matches: a search matching more than a page count can say is
        # listed in page order instead, and the page asks for more words.
        return PAGE_ORDER if self.unranked else names

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["unranked"] = getattr(self, "unranked", False)
        context["feed_subject"] = self.feed_subject()
        # The exports take the list's filters and ordering, not its place in the pages.
        query = self.request.GET.copy()
        for name in ("after", "before", "page"):
            query.pop(name, None)
        context["export_query"] = f"?{query.urlencode()}" if query else ""
        return context

    def feed_subject(self):
        """Return the verdict, question or author the list is narrowed to, whose feeds the page announces."""
        form = self.filterset.form
        if not form.is_bound or not form.is_valid():
            return None
        return next(filter(None, (form.cleaned_data.get(name) for name in ("verdict", "question", "author"))), None)

    def get_count(self, queryset):
        """Read the count from its tally when the list is filtered by at most one of the tallied filters."""
        form = self.filterset.form
        given = {}
        if form.is_bound:
            if not form.is_valid():
                return super().get_count(queryset)
            given = {name: value for name, value in form.cleaned_data.items() if value and name != "ordering"}
        if len(given) > 1:
            return super().get_count(queryset)
        key = list_tally(*next(iter(given.items()), ()))
        if key is None:
            return super().get_count(queryset)
        return BoundedCount(Tally.read(key)[key], limit=None)


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
        # The revision the published one superseded: revisions readers see are published in the order of
        # their numbers, so it is the one just before.
        earlier = [revision for revision in revisions if published and revision.revision < published.revision]
        return super().get_context_data(
            before=body[start : claim.start],
            after=body[claim.end : end],
            published=published,
            superseded=earlier[-1] if earlier else None,
            history=list(reversed(history)),
            question_withdrawn=claim.answer.question.is_withdrawn or claim.answer.is_withdrawn,
            claim_review=claim_review(claim, revisions) if claim.is_visible else None,
            **kwargs,
        )


def author_verdict_counts(authors, verdicts):
    """Set each author's claim total and [(verdict or None, count)] of its listed claims, read in one query."""
    keys = {}
    for author in authors:
        prefix = f"author:{author.pk}"
        keys[author] = [prefix, *(f"{prefix}:verdict:{verdict.pk}" for verdict in verdicts), f"{prefix}:verdict:0"]
    counts = Tally.read(*(key for author_keys in keys.values() for key in author_keys))
    for author, (total, *by_verdict) in keys.items():
        author.claim_total = counts[total]
        breakdown = zip([*verdicts, None], (counts[key] for key in by_verdict), strict=True)
        author.verdict_counts = [(verdict, count) for verdict, count in breakdown if count]
    return authors


class AuthorListView(ListView):
    """The published authors, with how many answers readers see of each and the verdicts on their claims."""

    template_name = "answers/author_list.html"
    context_object_name = "authors"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        answers = Answer.objects.visible().filter(author=OuterRef("pk")).order_by().values("author")
        count = Subquery(answers.annotate(count=Count("pk")).values("count"))
        return Author.objects.live().annotate(answer_count=Coalesce(count, 0)).order_by("name", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        author_verdict_counts(context["authors"], list(Verdict.objects.all()))
        return context


class VerdictListView(TemplateView):
    """The verdict definitions: the explanatory page's text, then every published verdict, each with an anchor."""

    template_name = "answers/verdict_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=Page.objects.on_record().filter(slug=VERDICTS).first(), verdicts=Verdict.objects.live(), **kwargs
        )


class AuthorDetailView(OldSlugRedirectMixin, DetailView):
    model = Author
    template_name = "answers/author_detail.html"

    def get_queryset(self):
        return Author.objects.on_record()

    def get_context_data(self, **kwargs):
        author = self.object
        answers = (
            Answer.objects.visible()
            .filter(author=author)
            .select_related("question")
            # Newest first, in the order of the author's index: sorting by question would sort every answer.
            .order_by("-pk")
        )
        page = Paginator(answers, PAGE_SIZE).get_page(self.request.GET.get("page"))
        claim_counts = Tally.read(*(f"answer:{answer.pk}" for answer in page.object_list))
        for answer in page.object_list:
            answer.claim_count = claim_counts[f"answer:{answer.pk}"]
        verdicts = list(Verdict.objects.all())
        prefix = f"author:{author.pk}"
        counts = Tally.read(prefix, f"{prefix}:verdict:0", *(f"{prefix}:verdict:{verdict.pk}" for verdict in verdicts))
        breakdown = [(verdict, counts[f"{prefix}:verdict:{verdict.pk}"]) for verdict in verdicts]
        breakdown.append((None, counts[f"{prefix}:verdict:0"]))
        return super().get_context_data(
            answers=page.object_list,
            page_obj=page,
            verdict_counts=[(verdict, count) for verdict, count in breakdown if count],
            claim_total=counts[prefix],
            answer_total=page.paginator.count,
            **kwargs,
        )
