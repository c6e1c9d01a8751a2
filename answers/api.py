"""Claims, questions, authors and verdicts in the read-only JSON API: what the public pages show, no more.

Claims are read from ClaimListing, as the claim list reads them: one indexed row per claim, its published
revision, verdict, question, answer and author fetched with it, and the revisions' evidence and sources
in one query each per page, whatever the number of claims.
"""

from django.db.models import F, Prefetch
from django.urls import reverse
from rest_framework import serializers

from answers.filters import ClaimFilter, QuestionFilter
from answers.models import Answer, Author, ClaimListing, Question, Verdict
from config.api import PublicViewSet, SlugViewSet
from config.views import absolute_url
from events.api import EventSummarySerializer, WebSourceSerializer
from events.models import Event


class VerdictSerializer(serializers.ModelSerializer):
    class Meta:
        model = Verdict
        fields = ["slug", "label", "rating_value", "description", "colour", "position"]


class VerdictSummarySerializer(serializers.ModelSerializer):
    """A verdict as a claim names it: its rating value is null for verdicts that do not rate truth."""

    class Meta:
        model = Verdict
        fields = ["slug", "label", "rating_value"]


class AuthorSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The author's page.")

    class Meta:
        model = Author
        fields = ["name", "slug", "url"]

    def get_url(self, author) -> str:
        return absolute_url(author.get_absolute_url())


class AnswerSummarySerializer(serializers.ModelSerializer):
    author = AuthorSerializer()
    url = serializers.SerializerMethodField(help_text="The answer on its question's page.")

    class Meta:
        model = Answer
        fields = ["position", "url", "author", "posted_label", "posted_on"]

    def get_url(self, answer) -> str:
        return absolute_url(f"{answer.question.get_absolute_url()}#answer-{answer.position}")


class QuestionSummarySerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The question's page.")

    class Meta:
        model = Question
        fields = ["text", "slug", "url", "captured_on"]

    def get_url(self, question) -> str:
        return absolute_url(question.get_absolute_url())


class QuestionSerializer(QuestionSummarySerializer):
    answers = AnswerSummarySerializer(many=True, source="public_answers")

    class Meta(QuestionSummarySerializer.Meta):
        fields = [*QuestionSummarySerializer.Meta.fields, "answers"]


class ClaimSerializer(serializers.ModelSerializer):
    """A claim on the public lists, with its published verdict (null when none is published yet).

    `text` is the claim's words in the answer now; `text_reviewed` the words its verdict was given for,
    which differ when `wording_changed`.
    """

    id = serializers.IntegerField(source="claim_id")
    url = serializers.SerializerMethodField(help_text="The claim's page.")
    text = serializers.CharField(source="words")
    text_reviewed = serializers.CharField(source="published_revision.claim_text", allow_null=True)
    question = QuestionSummarySerializer(source="answer.question")
    answer = AnswerSummarySerializer()
    verdict = VerdictSummarySerializer(allow_null=True)
    rationale = serializers.CharField(source="published_revision.rationale", allow_null=True)
    evidence = EventSummarySerializer(
        many=True, source="published_revision.evidence", default=list, help_text="Timeline events the verdict cites."
    )
    sources = WebSourceSerializer(
        many=True, source="published_revision.sources", default=list, help_text="Web pages the verdict cites."
    )

    class Meta:
        model = ClaimListing
        fields = [
            "id",
            "url",
            "status",
            "text",
            "text_reviewed",
            "wording_changed",
            "under_review",
            "question",
            "answer",
            "verdict",
            "rationale",
            "evidence",
            "sources",
            "reviewed_at",
        ]

    def get_url(self, listing) -> str:
        return absolute_url(reverse("answers:claim-detail", args=[listing.claim_id]))


def claim_listings():
    """Return the claim listings readers may ask for, with everything a ClaimSerializer shows of each."""
    return (
        ClaimListing.objects.on_record()
        # The claim's words, not the claim: a claim fetched with its listing points back at it, and rows that
        # point at each other wait for Python's occasional full garbage collection to be freed.
        .annotate(words=F("claim__exact"))
        .select_related("answer__question", "answer__author", "verdict", "published_revision")
        .prefetch_related(
            Prefetch("published_revision__evidence", queryset=Event.objects.on_record()),
            "published_revision__sources",
        )
    )


class ClaimApiFilter(ClaimFilter):
    """The claim list's filters; the API lists claims in cursor order, so without the ordering."""

    ordering = None


class QuestionApiFilter(QuestionFilter):
    ordering = None


class ClaimViewSet(PublicViewSet):
    """Claims on the public lists, by id, with their published verdicts; filtered as /claims/ is.

    As on /claims/, claims no longer in their answer or withdrawn are listed only when `status` asks for them.
    """

    serializer_class = ClaimSerializer
    filterset_class = ClaimApiFilter
    lookup_url_kwarg = "id"

    def get_queryset(self):
        return claim_listings()


class QuestionViewSet(SlugViewSet):
    """Published questions, by slug, with their published answers; filtered as /questions/ is (q, author)."""

    serializer_class = QuestionSerializer
    filterset_class = QuestionApiFilter

    def get_queryset(self):
        answers = Answer.objects.visible().select_related("author").order_by("position")
        return Question.objects.live().prefetch_related(Prefetch("answers", answers, to_attr="public_answers"))


class AuthorViewSet(SlugViewSet):
    """Published authors, by slug."""

    serializer_class = AuthorSerializer

    def get_queryset(self):
        return Author.objects.live()


class VerdictViewSet(SlugViewSet):
    """The verdict vocabulary, by slug."""

    serializer_class = VerdictSerializer

    def get_queryset(self):
        return Verdict.objects.live()
