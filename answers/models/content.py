from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from answers import anchoring
from answers.documents import normalise_newlines
from events.models import SlugManager


def save_with_history(instance, user=None, reason=""):
    """Save `instance`, recording `user` (if given) and `reason` in its history row."""
    if user is not None:
        instance._history_user = user
    instance._change_reason = reason
    instance.save()


def next_number(queryset, field):
    """Return the number after the highest `field` in `queryset` (1 if it is empty)."""
    return (queryset.aggregate(last=models.Max(field))["last"] or 0) + 1


class Question(models.Model):
    text = models.TextField(_("question"))
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    document = models.CharField(
        _("source document"),
        max_length=255,
        unique=True,
        help_text=_("File name of the document this question was imported from; re-imports match on it."),
    )
    captured_on = models.DateField(
        _("captured on"), help_text=_("When the page was captured; relative posted dates count back from it.")
    )

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["text"]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return reverse("answers:question-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)


class AuthorManager(models.Manager):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class Author(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True, help_text=_("As the page shows it."))
    slug = models.SlugField(_("slug"), max_length=200, unique=True)

    objects = AuthorManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("answers:author-detail", args=[self.slug])

    def natural_key(self):
        return (self.name,)


class AnswerManager(models.Manager):
    def get_by_natural_key(self, question_slug, position):
        return self.get(question__slug=question_slug, position=position)


class Answer(models.Model):
    question = models.ForeignKey(Question, verbose_name=_("question"), related_name="answers", on_delete=models.PROTECT)
    author = models.ForeignKey(Author, verbose_name=_("author"), related_name="answers", on_delete=models.PROTECT)
    position = models.PositiveSmallIntegerField(_("position"), help_text=_("Order on the page, starting at 1."))
    body = models.TextField(
        _("text"),
        help_text=_("Paragraphs separated by a blank line. Saving re-anchors the claims; any not found are orphaned."),
    )
    posted_label = models.CharField(
        _("posted"), max_length=100, blank=True, help_text=_("As written on the page, e.g. “a year ago”.")
    )
    posted_on = models.DateField(
        _("posted on (approximate)"),
        null=True,
        blank=True,
        help_text=_("The date the posted label implies, counted back from the capture date; empty if unreadable."),
    )

    objects = AnswerManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["question_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["question", "position"], name="answer_position_unique_per_question"),
            models.CheckConstraint(condition=Q(position__gte=1), name="answer_position_from_one"),
        ]

    def __str__(self):
        return f"{self.author} on “{self.question}” (answer {self.position})"

    def natural_key(self):
        return self.question.natural_key() + (self.position,)

    natural_key.dependencies = ["answers.question", "answers.author"]

    def clean(self):
        # Browsers send text areas with CRLF; documents and claim offsets use LF.
        self.body = normalise_newlines(self.body)

    def next_claim_number(self):
        """Return the number a new claim of this answer takes: the next after the highest, never reused."""
        return next_number(self.claims.all(), "number")

    def save_text(self, user=None, reason=""):
        """Save the answer and, if its text changed, re-anchor its claims in the new text.

        The importer and the admin both save answers through here. Return the Reanchoring, or None when
        the answer is new or its text is unchanged.
        """
        before = type(self).objects.filter(pk=self.pk).values_list("body", flat=True).first() if self.pk else None
        save_with_history(self, user, reason)
        if before is None or before == self.body:
            return None
        return self.reanchor_claims(
            user, f"{reason}: the answer's text changed" if reason else "The answer's text changed"
        )

    def propose_claims(self, user=None, reason="", spans=None):
        """Create a claim for each sentence (or for the given spans); return the new claims."""
        created = []
        if spans is None:
            spans = anchoring.split_claims(self.body)
        for number, (start, end) in enumerate(spans, start=self.next_claim_number()):
            claim = Claim(answer=self, number=number)
            claim.place(self.body, start, end)
            save_with_history(claim, user, reason)
            created.append(claim)
        return created

    def reanchor_claims(self, user=None, reason=""):
        """Re-anchor every claim in the current text, orphan the lost ones, propose claims for new text.

        Return a Reanchoring that counts what happened; nothing is deleted.
        """
        outcome = Reanchoring()
        anchored = []
        for claim in self.claims.all():
            span = anchoring.reanchor(self.body, claim.exact, claim.prefix, claim.suffix, claim.start, claim.end)
            if span is None:
                if not claim.orphaned:
                    claim.orphaned = True
                    save_with_history(claim, user, reason)
                    outcome.orphaned.append(claim)
                continue
            before = (claim.start, claim.end, claim.prefix, claim.suffix, claim.orphaned)
            claim.place(self.body, *span)
            anchored.append(span)
            if before != (claim.start, claim.end, claim.prefix, claim.suffix, claim.orphaned):
                save_with_history(claim, user, reason)
                outcome.moved.append(claim)
        new_spans = [
            span
            for span in anchoring.split_claims(self.body)
            if not any(span[0] < end and start < span[1] for start, end in anchored)
        ]
        if new_spans:
            outcome.added = self.propose_claims(user, reason, spans=new_spans)
        return outcome


class Reanchoring:
    """What re-anchoring an answer's claims did."""

    def __init__(self):
        self.moved, self.orphaned, self.added = [], [], []

    def __str__(self):
        return f"{len(self.moved)} claims re-anchored, {len(self.orphaned)} orphaned, {len(self.added)} new"


class ClaimQuerySet(models.QuerySet):
    def get_by_natural_key(self, question_slug, position, number):
        return self.get(answer__question__slug=question_slug, answer__position=position, number=number)

    def public(self):
        """Return the claims readers see, each with its published revision (if any) fetched alongside.

        Only published revisions are fetched: drafts, submissions and rejections never reach a reader.
        `published_at` is when the published revision was approved; `under_review` whether a newer
        revision waits for review.
        """
        from answers.models.annotations import Annotation

        published = Annotation.objects.published()
        return (
            self.filter(orphaned=False)
            .select_related("answer__question", "answer__author")
            .annotate(
                published_at=models.Subquery(published.filter(claim=models.OuterRef("pk")).values("reviewed_at")[:1]),
                under_review=models.Exists(Annotation.objects.submitted().filter(claim=models.OuterRef("pk"))),
            )
            .with_published_revision()
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


class Claim(models.Model):
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

    objects = ClaimQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        # The column, not the related model: ordering by "answer" would follow its ordering through joins.
        ordering = ["answer_id", "start", "number"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "number"], name="claim_number_unique_per_answer"),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="claim_is_not_empty"),
        ]

    def __str__(self):
        return self.exact if len(self.exact) <= 80 else self.exact[:79] + "…"

    def get_absolute_url(self):
        return reverse("answers:claim-detail", args=[self.pk])

    def natural_key(self):
        return self.answer.natural_key() + (self.number,)

    natural_key.dependencies = ["answers.answer"]

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
        revision = self.published_revision
        return revision.verdict if revision else None

    def clean(self):
        self.exact = normalise_newlines(self.exact)
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

    def place(self, body, start, end):
        """Anchor the claim at body[start:end], refreshing its quote and context."""
        self.start, self.end = start, end
        self.exact = body[start:end]
        self.prefix, self.suffix = anchoring.context(body, start, end)
        self.orphaned = False


class Verdict(models.Model):
    hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #rrggbb."))

    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    label = models.CharField(_("label"), max_length=50, unique=True)
    description = models.TextField(_("description"), help_text=_("When editors should choose this verdict."))
    colour = models.CharField(
        _("colour"), max_length=7, validators=[hex_colour], help_text=_("Highlight colour on public pages, #rrggbb.")
    )
    rating_value = models.PositiveSmallIntegerField(
        _("rating value"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("ClaimReview rating from 1 (worst) to 5 (best); empty for verdicts that do not rate truth."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0, help_text=_("Order in lists and legends."))

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("verdict")
        verbose_name_plural = _("verdicts")
        ordering = ["position", "label"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating_value__isnull=True) | Q(rating_value__gte=1, rating_value__lte=5),
                name="verdict_rating_between_1_and_5",
            ),
        ]

    def __str__(self):
        return self.label

    def natural_key(self):
        return (self.slug,)
