"""Annotations: reviewed, copy-on-write revisions of an editor's assessment of a claim."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from answers import anchoring
from answers.models.claims import Claim
from answers.models.content import Verdict
from answers.roles import REVIEW_PERMISSION
from config.history import History
from config.text import CheckedText
from events.models import Event, WebSource


class FrozenRevisionError(Exception):
    """An attempt to change or delete a revision that can no longer change."""


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted for review")
    PUBLISHED = "published", _("published")
    REJECTED = "rejected", _("rejected")
    SUPERSEDED = "superseded", _("superseded")


CONTENT_FIELDS = ["claim", "revision", "verdict", "rationale", "based_on", "created_by", "created_at", "claim_text"]
CONTENT_ATTNAMES = [
    "claim_id",
    "revision",
    "verdict_id",
    "rationale",
    "based_on_id",
    "created_by_id",
    "created_at",
    "claim_text",
]


class AnnotationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def drafts(self):
        return self.filter(status=Status.DRAFT)

    def drafts_by(self, user):
        """Return the drafts `user` wrote: the only revisions anyone can still change."""
        return self.drafts().filter(created_by=user)

    def submitted(self):
        return self.filter(status=Status.SUBMITTED)

    def returned_to(self, user):
        """Return `user`'s drafts that a reviewer sent back with changes requested."""
        return self.drafts_by(user).filter(returned_at__isnull=False)

    def rejected_for(self, user):
        """Return `user`'s rejected revisions that they have not revised since: the rejections still to act on."""
        later = self.model.objects.filter(
            claim=models.OuterRef("claim"), created_by=user, revision__gt=models.OuterRef("revision")
        )
        return self.filter(status=Status.REJECTED, created_by=user).exclude(models.Exists(later))

    def awaiting_review_by(self, user):
        """Return the submitted revisions `user` may decide on: everyone's but their own."""
        return self.submitted().exclude(created_by=user)

    def frozen(self):
        """Return the revisions that can no longer change: every one that is not a draft (see is_frozen)."""
        return self.exclude(status=Status.DRAFT)

    def public(self):
        """Return the revisions readers may see: published and superseded ones."""
        return self.filter(status__in=[Status.PUBLISHED, Status.SUPERSEDED])

    def get_by_natural_key(self, question_slug, position, number, revision):
        return self.get(
            claim__answer__question__slug=question_slug,
            claim__answer__position=position,
            claim__number=number,
            revision=revision,
        )

    def update(self, **kwargs):
        if set(kwargs) & {*CONTENT_FIELDS, *CONTENT_ATTNAMES} and self.frozen().exists():
            raise FrozenRevisionError("Submitted, published, rejected and superseded revisions cannot be changed.")
        return super().update(**kwargs)

    def delete(self):
        if self.frozen().exists():
            raise FrozenRevisionError("Only drafts can be deleted; reviewed revisions are kept for good.")
        return super().delete()


class Annotation(CheckedText, models.Model):
    Status = Status

    claim = models.ForeignKey(Claim, verbose_name=_("claim"), related_name="annotations", on_delete=models.PROTECT)
    revision = models.PositiveIntegerField(_("revision"), help_text=_("1 for a claim's first revision, and so on."))
    verdict = models.ForeignKey(
        Verdict, verbose_name=_("verdict"), related_name="annotations", on_delete=models.PROTECT, null=True, blank=True
    )
    rationale = models.TextField(
        _("rationale"),
        blank=True,
        help_text=_("One to three sentences: what is right or wrong in the claim, with the correct facts."),
    )
    evidence = models.ManyToManyField(
        Event,
        verbose_name=_("evidence"),
        related_name="annotations",
        blank=True,
        help_text=_("Events from the timeline that support the verdict."),
    )
    claim_text = models.TextField(
        _("claim as reviewed"),
        blank=True,
        help_text=_("The claim's words when the revision was submitted: the verdict is about these words."),
    )
    verdict_label = models.CharField(
        _("verdict label as published"),
        max_length=50,
        blank=True,
        help_text=_("The verdict's label when the revision was published; a renamed label leaves it as it was."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        related_name="annotations_written",
        on_delete=models.PROTECT,
    )
    created_at = models.DateTimeField(_("started at"), default=timezone.now)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        related_name="annotations_reviewed",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("review comment"), blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changes requested by"),
        related_name="annotations_returned",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("The reviewer who last sent this revision back to its editor."),
    )
    returned_at = models.DateTimeField(_("changes requested at"), null=True, blank=True)
    return_comment = models.TextField(
        _("changes requested"),
        blank=True,
        help_text=_("What the reviewer asked the editor to change before submitting again."),
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("based on"),
        related_name="revisions",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("The published revision this one revises, if any."),
    )

    objects = AnnotationQuerySet.as_manager()
    history = History(m2m_fields=[evidence])

    class Meta:
        verbose_name = _("annotation revision")
        verbose_name_plural = _("annotation revisions")
        # The column, not the related model: ordering by "claim" would follow its ordering through joins.
        ordering = ["claim_id", "-revision"]
        permissions = [("review_annotation", _("Can approve or reject submitted revisions"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(reviewed_by__isnull=True) | ~Q(reviewed_by=F("created_by")),
                name="annotation_not_reviewed_by_its_author",
                violation_error_message=_("Nobody may review their own revision."),
            ),
            models.CheckConstraint(
                condition=Q(returned_by__isnull=True) | ~Q(returned_by=F("created_by")),
                name="annotation_not_returned_by_its_author",
                violation_error_message=_("Nobody may review their own revision."),
            ),
            models.UniqueConstraint(
                fields=["claim"],
                condition=Q(status=Status.PUBLISHED),
                name="annotation_one_published_per_claim",
                violation_error_message=_("A claim can have only one published revision."),
            ),
            models.UniqueConstraint(fields=["claim", "revision"], name="annotation_revision_unique_per_claim"),
            models.CheckConstraint(
                condition=Q(status__in=[Status.DRAFT, Status.SUBMITTED], reviewed_by__isnull=True)
                | Q(status__in=[Status.PUBLISHED, Status.REJECTED, Status.SUPERSEDED], reviewed_by__isnull=False),
                name="annotation_reviewed_exactly_when_decided",
            ),
            models.CheckConstraint(
                condition=Q(status=Status.DRAFT) | Q(verdict__isnull=False),
                name="annotation_has_verdict_once_submitted",
            ),
            models.CheckConstraint(
                condition=Q(status=Status.DRAFT) | ~Q(claim_text=""),
                name="annotation_records_the_words_it_reviews",
                violation_error_message=_("A submitted revision records the claim's words it is about."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[Status.PUBLISHED, Status.SUPERSEDED]) | ~Q(verdict_label=""),
                name="annotation_records_the_label_it_was_published_under",
            ),
        ]

    def __str__(self):
        return f"Revision {self.revision} of “{self.claim}” ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            self._refuse_content_change()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_frozen:
            raise FrozenRevisionError("Only drafts can be deleted; reviewed revisions are kept for good.")
        return super().delete(*args, **kwargs)

    @staticmethod
    def user_can_review(user):
        """Tell whether `user` may approve or reject revisions: an active staff member holding the permission.

        Nobody reviews their own revision even so: review.py refuses it, and so does the database.
        """
        return user.is_active and user.is_staff and user.has_perm(REVIEW_PERMISSION)

    @property
    def is_frozen(self):
        """Tell whether the revision can no longer change: once submitted, it never does (see frozen())."""
        return self.status != Status.DRAFT

    def is_draft_of(self, user):
        """Tell whether this is a draft that `user` wrote, the only kind of revision they may change."""
        return self.status == Status.DRAFT and self.created_by_id == user.pk

    def is_based_on(self, published):
        """Tell whether this revision was started from `published`, the claim's published revision (or None)."""
        return self.based_on_id == (published.pk if published is not None else None)

    def rejected_before(self):
        """Return the author's last rejected revision of the claim before this one: the comment to act on."""
        earlier = type(self).objects.filter(
            claim_id=self.claim_id, created_by_id=self.created_by_id, revision__lt=self.revision
        )
        return earlier.filter(status=Status.REJECTED).select_related("reviewed_by").order_by("-revision").first()

    def natural_key(self):
        return self.claim.natural_key() + (self.revision,)

    @property
    def wording_changed(self):
        """Tell whether the claim's words changed after this revision reviewed them."""
        return self.claim_text != self.claim.exact

    @property
    def is_returned(self):
        """Tell whether this is a draft a reviewer sent back to its editor with changes requested."""
        return self.status == Status.DRAFT and self.returned_at is not None

    @property
    def rationale_summary(self):
        """Return the rationale's first sentence, the line that sums the verdict up on lists."""
        return anchoring.first_sentence(self.rationale)

    @property
    def is_published(self):
        """Tell whether this is the claim's published revision, the one readers see now."""
        return self.status == Status.PUBLISHED

    natural_key.dependencies = ["answers.claim", "answers.verdict", "events.event", "auth.user"]

    def content(self):
        """Return the assessment as {label: text}: verdict, rationale, evidence and sources."""
        return {
            _("verdict"): str(self.verdict or "—"),
            _("rationale"): self.rationale,
            _("evidence"): "\n".join(str(event) for event in self.evidence.all()),
            _("sources"): "\n".join(f"{source.title} <{source.url}>" for source in self.sources.all()),
        }

    def changes_from(self, other):
        """Return (label, other's text, this revision's text, changed) for each part of the assessment."""
        before = other.content() if other is not None else dict.fromkeys(self.content(), "")
        return [(label, before[label], text, before[label] != text) for label, text in self.content().items()]

    def _refuse_content_change(self):
        stored = type(self).objects.filter(pk=self.pk).frozen().values("status", "verdict_label", *CONTENT_ATTNAMES)
        stored = stored.first()
        if stored is None:
            return
        # The label is recorded when the revision is published, and kept from then on.
        names = [*CONTENT_ATTNAMES, "verdict_label"] if stored["status"] != Status.SUBMITTED else CONTENT_ATTNAMES
        changed = [name for name in names if getattr(self, name) != stored[name]]
        if changed:
            raise FrozenRevisionError(
                f"Revision {self.revision} is {stored['status']}; its content cannot change ({', '.join(changed)})."
            )


# An event that any revision cites cannot be deleted: Django makes the link table cascade, which would
# silently take the event out of reviewed evidence. (An explicit link model would say it too, but the
# admin cannot edit a many-to-many field that has one.)
Annotation.evidence.through._meta.get_field("event").remote_field.on_delete = models.PROTECT


class AnnotationSourceQuerySet(models.QuerySet):
    def get_by_natural_key(self, question_slug, position, number, revision, url):
        return self.get(
            annotation=Annotation.objects.get_by_natural_key(question_slug, position, number, revision), url=url
        )


class AnnotationSource(WebSource):
    annotation = models.ForeignKey(
        Annotation, verbose_name=_("annotation"), related_name="sources", on_delete=models.CASCADE
    )

    objects = AnnotationSourceQuerySet.as_manager()
    history = History()

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["annotation_id", "id"]
        constraints = [models.UniqueConstraint(fields=["annotation", "url"], name="annotation_source_unique_url")]

    def save(self, *args, **kwargs):
        stored = None
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values("annotation_id", "title", "url").first()
        if stored != {"annotation_id": self.annotation_id, "title": self.title, "url": self.url}:
            self._refuse_if_frozen(stored["annotation_id"] if stored else self.annotation_id)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_frozen(self.annotation_id)
        return super().delete(*args, **kwargs)

    def natural_key(self):
        return self.annotation.natural_key() + (self.url,)

    natural_key.dependencies = ["answers.annotation"]

    def _refuse_if_frozen(self, *annotation_ids):
        if Annotation.objects.filter(pk__in={self.annotation_id, *annotation_ids}).frozen().exists():
            raise FrozenRevisionError("The sources of a submitted or reviewed revision cannot change.")
