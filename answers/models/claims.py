"""Claims: the checkable statements of an answer, anchored in its text, and what readers see of their review."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from answers import anchoring
from answers.documents import configured_limits, normalise_newlines
from answers.models.content import Answer, next_number
from config.history import History
from config.proposals.models import Publishable, PublishableQuerySet, State
from config.text import shorten

SPAN_FIELDS = {"start", "end", "exact", "prefix", "suffix"}  # what the claim tools change of a claim's place


class ReviewState(models.TextChoices):
    """Where a claim's assessment stands, from its newest revision (see ClaimQuerySet.with_review_state)."""

    NEEDS_VERDICT = "needs-verdict", _("needs a verdict")
    DRAFT = "draft", _("draft")
    UNDER_REVIEW = "under-review", _("under review")
    RETURNED = "returned", _("returned or rejected")
    PUBLISHED = "published", _("published")
    WORDING_CHANGED = "wording-changed", _("wording changed since review")


class ClaimQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, question_slug, position, number):
        return self.get(answer__question__slug=question_slug, answer__position=position, number=number)

    def visible(self):
        """Return the claims on public lists: published, still in the text of a published answer and question."""
        live = State.PUBLISHED
        return self.live().filter(orphaned=False, answer__state=live, answer__question__state=live)

    def public(self):
        """Return the claims on public lists, each with its published revision (if any) fetched alongside."""
        return self.visible().with_public_review()

    def with_public_review(self):
        """Fetch what readers see of each claim's review: its published revision, when, and any update pending.

        Only published revisions are fetched: drafts, submissions and rejections never reach a reader.
        `reviewed_at` is when the published revision was approved; `words_changed_since_review` whether
        the claim's words changed after it; `under_review` whether a newer revision waits for review.
        """
        from answers.models.annotations import Annotation

        published = Annotation.objects.published()
        return (
            self.select_related("answer__question", "answer__author")
            .annotate(
                reviewed_at=models.Subquery(published.filter(claim=models.OuterRef("pk")).values("reviewed_at")[:1]),
                words_changed_since_review=models.Exists(
                    published.filter(claim=models.OuterRef("pk")).exclude(claim_text=models.OuterRef("exact"))
                ),
                under_review=models.Exists(Annotation.objects.submitted().filter(claim=models.OuterRef("pk"))),
            )
            .with_published_revision()
        )

    def needing_a_new_revision(self):
        """Return the claims whose words changed after their published verdict reviewed them."""
        from answers.models.annotations import Annotation

        reviewed_other_words = Annotation.objects.published().filter(claim=models.OuterRef("pk"))
        return self.filter(models.Exists(reviewed_other_words.exclude(claim_text=models.OuterRef("exact"))))

    def with_review_state(self):
        """Annotate each claim with `review_state` (a ReviewState), read from its newest revision.

        A rejected newest revision, or a draft a reviewer sent back with a request for changes, counts as
        returned; a published verdict whose words changed since as "wording changed since review".
        """
        from answers.models.annotations import Annotation, Status

        newest = Annotation.objects.filter(claim=models.OuterRef("pk")).order_by("-revision")
        return self.annotate(
            newest_status=models.Subquery(newest.values("status")[:1]),
            newest_returned=models.Subquery(newest.values("returned_at")[:1]),
            review_state=models.Case(
                models.When(newest_status__isnull=True, then=models.Value(ReviewState.NEEDS_VERDICT)),
                models.When(newest_status=Status.SUBMITTED, then=models.Value(ReviewState.UNDER_REVIEW)),
                models.When(newest_status=Status.REJECTED, then=models.Value(ReviewState.RETURNED)),
                models.When(
                    newest_status=Status.DRAFT,
                    newest_returned__isnull=False,
                    then=models.Value(ReviewState.RETURNED),
                ),
                models.When(newest_status=Status.DRAFT, then=models.Value(ReviewState.DRAFT)),
                models.When(
                    models.Exists(
                        Annotation.objects.published()
                        .filter(claim=models.OuterRef("pk"))
                        .exclude(claim_text=models.OuterRef("exact"))
                    ),
                    then=models.Value(ReviewState.WORDING_CHANGED),
                ),
                default=models.Value(ReviewState.PUBLISHED),
                output_field=models.CharField(),
            ),
        )

    def with_published_revision(self):
        """Fetch each claim's published revision (with its verdict and people) in one more query.

        Claim.published_revision and Claim.verdict read what this fetched.
        """
        from answers.models.annotations import Annotation

        return self.prefetch_related(
            models.Prefetch(
                "annotations",
                queryset=Annotation.objects.published().select_related("verdict", "created_by", "reviewed_by"),
                to_attr="published_revisions",
            )
        )


class Claim(Publishable):
    answer = models.ForeignKey(Answer, verbose_name=_("answer"), related_name="claims", on_delete=models.PROTECT)
    number = models.PositiveIntegerField(
        _("number"), help_text=_("Stable number within the answer; new claims take the next free one.")
    )
    exact = models.TextField(
        _("quote"), help_text=_("The exact words of the claim as they stand in the answer's text.")
    )
    prefix = models.CharField(_("text before"), max_length=anchoring.CONTEXT_LENGTH, blank=True)
    suffix = models.CharField(_("text after"), max_length=anchoring.CONTEXT_LENGTH, blank=True)
    start = models.PositiveIntegerField(_("start"), help_text=_("Offset of the quote's first character."))
    end = models.PositiveIntegerField(_("end"), help_text=_("Offset just after the quote's last character."))
    orphaned = models.BooleanField(
        _("orphaned"),
        default=False,
        help_text=_("The quote was not found after the answer changed; fix the quote or the text."),
    )
    orphaned_at = models.DateTimeField(_("orphaned at"), null=True, blank=True, editable=False)

    objects = ClaimQuerySet.as_manager()
    history = History()

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        # The column, not the related model: ordering by "answer" would follow its ordering through joins.
        ordering = ["answer_id", "start", "number"]
        constraints = [
            *Publishable.Meta.constraints,
            models.UniqueConstraint(fields=["answer", "number"], name="claim_number_unique_per_answer"),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="claim_is_not_empty"),
        ]

    def __str__(self):
        return shorten(self.exact, 80)

    def get_absolute_url(self):
        return reverse("answers:claim-detail", args=[self.pk])

    def natural_key(self):
        return self.answer.natural_key() + (self.number,)

    natural_key.dependencies = ["answers.answer"]

    def publication_unit(self):
        """A claim of an answer that was never published is published with the answer."""
        return self if self.answer.was_published else self.answer.publication_unit()

    def next_revision_number(self):
        """Return the number a new annotation revision of this claim takes."""
        return next_number(self.annotations.all(), "revision")

    @property
    def published_revision(self):
        """Return the published revision that with_published_revision() fetched, or None if there is none.

        A claim loaded without it raises instead of running a query of its own, once per claim on a list:
        fetch claims with Claim.objects.public() or with_published_revision(), or, for one claim, ask
        claim.annotations.published().
        """
        try:
            revisions = self.published_revisions
        except AttributeError:
            raise RuntimeError(
                "This claim was loaded without its published revision: fetch it with "
                "Claim.objects.with_published_revision(), or use claim.annotations.published()."
            ) from None
        return revisions[0] if revisions else None

    @property
    def verdict(self):
        """Return the published verdict (see published_revision), or None."""
        revision = self.published_revision
        return revision.verdict if revision else None

    @property
    def is_visible(self):
        """Tell whether the claim is on the public lists (see ClaimQuerySet.visible), from what is loaded."""
        answer = self.answer
        return self.is_live and not self.orphaned and answer.is_live and answer.question.is_live

    @property
    def wording_changed(self):
        """Tell whether the claim's words changed after its published verdict reviewed them."""
        revision = self.published_revision
        return revision is not None and revision.claim_text != self.exact

    @property
    def current_verdict(self):
        """Return the published verdict if it was given for the claim's present words, else None."""
        return None if self.wording_changed else self.verdict

    def clean(self):
        self.exact = normalise_newlines(self.exact)
        limit = configured_limits().claim_characters
        if len(self.exact) > limit:
            raise ValidationError(
                {
                    "exact": _("A claim may hold at most %(limit)s characters; this one has %(length)s.")
                    % {"limit": f"{limit:,}", "length": f"{len(self.exact):,}"}
                }
            )
        if not self.exact or not self.answer_id:
            return
        body = self.answer.body
        if self.start is not None and self.end is not None and body[self.start : self.end] == self.exact:
            span = (self.start, self.end)
        else:
            count = body.count(self.exact)
            if count == 0:
                raise ValidationError({"exact": _("This quote does not appear in the answer's text.")})
            if count > 1:
                raise ValidationError(
                    {"start": _("The quote appears %(count)d times in the answer; set start and end to pick one.")},
                    params={"count": count},
                )
            span = (body.index(self.exact), body.index(self.exact) + len(self.exact))
        self.place(body, *span)
        if not self.orphaned and not self.is_withdrawn:
            self.refuse_overlaps(planned=not self.is_live)

    def refuse_overlaps(self, planned=True):
        """Refuse (with a ValidationError) a span that overlaps another claim of the answer.

        A published claim is checked against the claims readers see; a draft against the answer's claims as
        they will stand once the changes waiting for review are approved (see Answer.planned_claim_spans).
        """
        others = self.answer.planned_claim_spans() if planned else self.answer.live_claim_spans()
        for other, (start, end) in others.items():
            if other.pk != self.pk and start < self.end and end > self.start:
                raise ValidationError(
                    {
                        "exact": _(
                            "These words overlap claim %(number)s (“%(quote)s”): claims may not overlap. Shorten "
                            "one of them first, or merge the two."
                        )
                        % {"number": other.number, "quote": other}
                    },
                    code="overlap",
                )

    def publish(self, user=None, reason="", when=None):
        """Publish the claim, unless its words overlap a claim readers already see."""
        if not self.orphaned:
            self.refuse_overlaps(planned=False)
        super().publish(user, reason, when)

    def lock_before_deciding(self):
        """Lock the claim's answer: the claim tools lock it before its claims, and so must a decision."""
        list(Answer.objects.select_for_update().filter(pk=self.answer_id).values_list("pk"))

    def proposals_approved_with(self, proposal):
        """Return the same editor's pending proposals that make room for `proposal`: a split's shortened first
        part before its new second part is published, a merge's withdrawal before the extension."""
        from config.proposals.models import Kind, Proposal

        if proposal.kind == Kind.CHANGE and {"start", "end"} & set(proposal.changes):
            start, end = proposal.changes.get("start", self.start), proposal.changes.get("end", self.end)
        elif proposal.kind == Kind.PUBLISH and proposal.object_id == self.pk:
            start, end = self.start, self.end
        else:
            return []
        room = []
        for other, (other_start, other_end) in self.answer.live_claim_spans().items():
            if other.pk == self.pk or not (other_start < end and other_end > start):
                continue
            pending = Proposal.objects.pending().for_object(other).filter(created_by=proposal.created_by_id)
            for candidate in pending.order_by("created_at", "pk"):
                if candidate.kind == Kind.WITHDRAW:
                    room.append(candidate)
                elif candidate.kind == Kind.CHANGE and set(candidate.changes) <= SPAN_FIELDS:
                    moved = candidate.changes.get("start", other_start), candidate.changes.get("end", other_end)
                    # Only a shortening makes room; a claim moved to other words is reviewed on its own.
                    shortened = other_start <= moved[0] and moved[1] <= other_end
                    if shortened and not (moved[0] < end and moved[1] > start):
                        room.append(candidate)
        return room

    def place(self, body, start, end):
        """Anchor the claim at body[start:end], refreshing its quote and context."""
        self.start, self.end = start, end
        self.exact = body[start:end]
        self.prefix, self.suffix = anchoring.context(body, start, end)
        self.orphaned, self.orphaned_at = False, None

    def orphan(self):
        """Mark the claim as lost from its answer's text (it keeps its quote, and its URL)."""
        self.orphaned, self.orphaned_at = True, timezone.now()
