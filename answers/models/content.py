import re
from collections import namedtuple

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from answers import anchoring
from answers.colours import BADGE_TEXT, MINIMUM_CONTRAST, contrast_ratio
from answers.documents import DocumentError, check_answer_text, configured_limits, normalise_newlines
from config.bulk import insert_with_history
from config.history import History, save_with_history
from config.proposals.models import Publishable, PublishableQuerySet, State
from config.text import UniqueNameKey
from events.models import SlugManager


def next_number(queryset, field):
    """Return the number after the highest `field` in `queryset` (1 if it is empty)."""
    return (queryset.aggregate(last=models.Max(field))["last"] or 0) + 1


# Questions are listed by the start of their text: the index holds no more of it than that.
TEXT_ORDER = Substr("text", 1, 100)


class Question(Publishable):
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
    history = History()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["text"]
        constraints = [*Publishable.Meta.constraints]
        indexes = [
            models.Index(F("state"), TEXT_ORDER, F("id"), name="question_text_order"),
            models.Index(fields=["state", "captured_on", "id"], name="question_capture_order"),
        ]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return reverse("answers:question-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def unit_members(self):
        """A question is first published with its answers, their claims and the authors new with them."""
        from answers.models.claims import Claim

        return [
            self.answers.drafts(),
            Claim.objects.drafts().filter(answer__question=self),
            Author.objects.drafts().filter(answers__question=self).distinct(),
        ]


class AuthorQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class Author(UniqueNameKey, Publishable):
    name = models.CharField(_("name"), max_length=200, unique=True, help_text=_("As the page shows it."))
    name_key = models.TextField(_("name as compared"), unique=True, editable=False)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)

    objects = AuthorQuerySet.as_manager()
    history = History(excluded_fields=["name_key"])

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]
        constraints = [*Publishable.Meta.constraints]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("answers:author-detail", args=[self.slug])

    def natural_key(self):
        return (self.name,)


class AnswerQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, question_slug, position):
        return self.get(question__slug=question_slug, position=position)

    def visible(self):
        """Return the answers on public pages: published answers to published questions."""
        return self.live().filter(question__state=State.PUBLISHED)


class Answer(Publishable):
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

    objects = AnswerQuerySet.as_manager()
    history = History()
    drafts_published_with_change = ("author",)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["question_id", "position"]
        constraints = [
            *Publishable.Meta.constraints,
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
        try:
            check_answer_text(self.body, configured_limits())
        except DocumentError as error:
            message = _("Line %(line)s: %(reason)s.") % {"line": error.line, "reason": error.reason}
            raise ValidationError({"body": message}) from error

    def publication_unit(self):
        """An answer to a question that was never published is published with the question."""
        return self if self.question.was_published else self.question.publication_unit()

    def unit_members(self):
        """An answer is first published with its claims, and its author if the author is new too."""
        return [self.claims.drafts(), Author.objects.drafts().filter(pk=self.author_id)]

    def save_approved(self, user, reason):
        """Save an approved change: a new text re-anchors the claims and the sentences it adds are public claims;
        a new author named by the change is published with it."""
        outcome = self.save_text(user, reason)
        for draft in [*(outcome.added if outcome else []), *Author.objects.drafts().filter(pk=self.author_id)]:
            draft.publish(user, reason)

    def live_claim_spans(self):
        """Return {claim: (start, end)} of the claims readers see in this answer's text."""
        claims = self.claims.filter(state=State.PUBLISHED, orphaned=False)
        return {claim: (claim.start, claim.end) for claim in claims}

    def planned_claim_spans(self):
        """Return {claim: (start, end)} of this answer's claims as they will stand once the changes waiting for
        review are approved: a claim moved by a pending change at its new place, one whose withdrawal waits
        left out. Withdrawn and orphaned claims hold no words."""
        from config.proposals.models import Kind, Proposal

        claims = {claim.pk: claim for claim in self.claims.exclude(state=State.WITHDRAWN).filter(orphaned=False)}
        spans = {claim: (claim.start, claim.end) for claim in claims.values()}
        pending = Proposal.objects.pending().for_objects(self.claims.filter(pk__in=claims))
        for proposal in pending.order_by("created_at", "pk"):
            claim = claims[proposal.object_id]
            if proposal.kind == Kind.WITHDRAW:
                spans.pop(claim, None)
            elif proposal.kind == Kind.CHANGE and claim in spans:
                spans[claim] = proposal.changes.get("start", claim.start), proposal.changes.get("end", claim.end)
        return spans

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
            user, f"{reason}: the answer's text changed" if reason else "The answer's text changed", old_body=before
        )

    def propose_claims(self, user=None, reason="", spans=None, first_number=None):
        """Create a claim for each sentence (or for the given spans), check them; return the new claims.

        The claims, their history rows, their indexed words, their checks and listings are written in bulk
        (the checks and listings at the end of the import, when an import creates them). They are numbered from
        `first_number`, by default the next after the answer's highest.
        """
        from answers import upkeep

        if spans is None:
            spans = anchoring.split_claims(self.body)
        created = []
        for number, (start, end) in enumerate(spans, start=first_number or self.next_claim_number()):
            claim = self.claims.model(answer=self, number=number)
            claim.place(self.body, start, end)
            created.append(claim)
        insert_with_history(self.claims.model, created, user, reason)
        upkeep.check(created, index=True)
        upkeep.refresh(claims=[claim.pk for claim in created])
        return created

    def plan_reanchoring(self, body, claims=None, old_body=None):
        """Say where each claim would stand if the text were `body` (the text was `old_body`, by default the
        answer's own). Changes nothing; return a ReanchoringPlan.

        A claim keeps its place if its quote is still there, else goes where quote and context best match.
        If its words are gone, it follows the sentence that now stands where it stood, when that sentence
        is alike enough (its words changed); else it is orphaned. Sentences no claim covers become new claims.
        """
        claims = self.claims.all() if claims is None else claims
        old_body = self.body if old_body is None else old_body
        spans = {
            claim: anchoring.reanchor(body, claim.exact, claim.prefix, claim.suffix, claim.start, claim.end)
            for claim in claims
        }
        anchored = anchoring.Taken(body)
        for span in spans.values():
            if span is not None:
                anchored.take(*span)
        free = [span for span in anchoring.split_claims(body) if not anchored.overlaps(*span)]
        reworded, edit = set(), None
        for claim, span in spans.items():
            if span is not None or claim.orphaned:
                continue
            edit = edit or anchoring.Edit(old_body, body)
            sentence = edit.reworded(claim.exact, claim.start, claim.end, free)
            if sentence is not None:
                spans[claim] = sentence
                reworded.add(claim)
                free.remove(sentence)
        return ReanchoringPlan(spans, reworded, free)

    def reanchor_claims(self, user=None, reason="", old_body=None):
        """Re-anchor every claim in the current text (it was `old_body`), orphan the lost ones, propose claims
        for new text. Return a Reanchoring that counts what happened; nothing is deleted.
        """
        outcome = Reanchoring()
        plan = self.plan_reanchoring(self.body, old_body=old_body)
        for claim, span in plan.spans.items():
            if span is None:
                if not claim.orphaned:
                    claim.orphan()
                    save_with_history(claim, user, reason)
                    outcome.orphaned.append(claim)
                continue
            before = (claim.start, claim.end, claim.prefix, claim.suffix, claim.orphaned)
            claim.place(self.body, *span)
            if before != (claim.start, claim.end, claim.prefix, claim.suffix, claim.orphaned):
                save_with_history(claim, user, reason)
                (outcome.reworded if claim in plan.reworded else outcome.moved).append(claim)
        if plan.new_spans:
            outcome.added = self.propose_claims(user, reason, spans=plan.new_spans)
        return outcome


ReanchoringPlan = namedtuple("ReanchoringPlan", ["spans", "reworded", "new_spans"])


class Reanchoring:
    """What re-anchoring an answer's claims did."""

    def __init__(self):
        self.moved, self.reworded, self.orphaned, self.added = [], [], [], []

    def __str__(self):
        reworded = f"{len(self.reworded)} with changed words, " if self.reworded else ""
        return f"{len(self.moved)} claims re-anchored, {reworded}{len(self.orphaned)} orphaned, {len(self.added)} new"


def readable_under_badge_text(colour):
    """Refuse a verdict colour its badge's white label cannot be read on (WCAG AA contrast)."""
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", colour or ""):
        return  # the format validator says what is wrong
    ratio = contrast_ratio(BADGE_TEXT, colour)
    if ratio < MINIMUM_CONTRAST:
        raise ValidationError(
            _(
                "White text on %(colour)s has a contrast of %(ratio).2f:1; readers need at least %(minimum)s:1 "
                "(WCAG AA). Choose a darker colour."
            ),
            code="contrast",
            params={"colour": colour, "ratio": ratio, "minimum": MINIMUM_CONTRAST},
        )


class Verdict(Publishable):
    hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #rrggbb."))

    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    label = models.CharField(_("label"), max_length=50, unique=True)
    description = models.TextField(_("description"), help_text=_("When editors should choose this verdict."))
    colour = models.CharField(
        _("colour"),
        max_length=7,
        validators=[hex_colour, readable_under_badge_text],
        help_text=_("Badge and highlight colour on public pages, #rrggbb, dark enough for a white label."),
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
    history = History()

    class Meta:
        verbose_name = _("verdict")
        verbose_name_plural = _("verdicts")
        ordering = ["position", "label"]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(rating_value__isnull=True) | Q(rating_value__gte=1, rating_value__lte=5),
                name="verdict_rating_between_1_and_5",
            ),
        ]

    def __str__(self):
        return self.label

    def natural_key(self):
        return (self.slug,)
