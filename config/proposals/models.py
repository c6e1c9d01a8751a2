"""Publishable content, and proposals: the only way a change reaches what readers see.

A Publishable object is a draft until a reviewer publishes it, then published, and perhaps later
withdrawn; readers see published objects (and a notice in place of a withdrawn one). Once published,
an object changes only when another person approves a Proposal for it: a change of its fields, its
withdrawal, or (for drafts and withdrawn objects) its publication.
"""

import json

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.history import History, current_version, save_with_history
from config.proposals import REVIEW_PERMISSION
from config.text import CheckedText

PUBLICATION_FIELDS = ("state", "published_at", "withdrawn_at", "withdrawal_reason")


class State(models.TextChoices):
    DRAFT = "draft", _("not yet published")
    PUBLISHED = "published", _("published")
    WITHDRAWN = "withdrawn", _("withdrawn")


def to_json(value):
    """Return `value` as the JSON types a proposal stores (dates as ISO text, and so on)."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


class PublishableQuerySet(models.QuerySet):
    def live(self):
        """Return the objects readers see now."""
        return self.filter(state=State.PUBLISHED)

    def drafts(self):
        """Return the objects that were never published."""
        return self.filter(state=State.DRAFT)

    def on_record(self):
        """Return the objects that were public at some time: published ones and withdrawn ones."""
        return self.filter(published_at__isnull=False)


class Publishable(CheckedText, models.Model):
    """An object readers see only once it is published, and that changes only through reviewed proposals."""

    state = models.CharField(_("publication"), max_length=10, choices=State, default=State.DRAFT, editable=False)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    withdrawal_reason = models.TextField(_("why it was withdrawn"), blank=True, editable=False)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(state=State.DRAFT, published_at__isnull=True, withdrawn_at__isnull=True)
                | Q(state=State.PUBLISHED, published_at__isnull=False, withdrawn_at__isnull=True)
                | Q(state=State.WITHDRAWN, published_at__isnull=False, withdrawn_at__isnull=False),
                name="%(app_label)s_%(class)s_publication_dates",
                violation_error_message=_("A published object has a publication date; a withdrawn one both dates."),
            ),
        ]

    @property
    def is_live(self):
        """Tell whether readers see this object now."""
        return self.state == State.PUBLISHED

    @property
    def is_withdrawn(self):
        return self.state == State.WITHDRAWN

    @property
    def was_published(self):
        """Tell whether readers ever saw this object: from then on, only reviewed proposals change it."""
        return self.published_at is not None

    # Foreign keys a change may point at a draft, which approving the change publishes (an answer's new author).
    drafts_published_with_change = ()
    # Fields a save computes from others (a name's comparison key): never proposed, never shown for review.
    derived_fields = ()

    @classmethod
    def reviewed_fields(cls):
        """Return the fields a proposal may change: every field of the content, many-to-many ones included."""
        return [
            field
            for field in cls._meta.get_fields()
            if (field.concrete or field.many_to_many)
            and not field.auto_created
            and not field.primary_key
            and field.name not in PUBLICATION_FIELDS
            and field.name not in cls.derived_fields
        ]

    def field_value(self, field):
        """Return the value of `field` as a proposal stores it: a primary key for a relation, JSON types."""
        if field.many_to_many:
            return sorted(getattr(self, field.name).values_list("pk", flat=True)) if self.pk else []
        return to_json(getattr(self, field.attname))

    def publication_unit(self):
        """Return the object whose publication publishes this one (a draft answer's question, for one)."""
        return self

    def unit_members(self):
        """Return querysets of the drafts published with this object the first time it is published.

        A draft question brings its answers, their claims and new authors; a draft event its sources.
        What is added to published content later is published on its own, after its own review.
        """
        return []

    def unit_version(self):
        """Return the version of this object and of the drafts published with it (see unit_members)."""
        # One statement for the object and every member, written out: an import asks it of each of its questions.
        quote, newest, parameters = connection.ops.quote_name, [], []
        for model, rows, values in [(type(self), "%s", [self.pk])] + [
            (members.model, *members.order_by().values("pk").query.sql_with_params()) for members in self.unit_members()
        ]:
            table, key = quote(model.history.model._meta.db_table), quote(model._meta.pk.column)
            newest.append(f"(SELECT MAX({quote('history_id')}) FROM {table} WHERE {key} IN ({rows}))")
            parameters.extend(values)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(newest)}", parameters)
            own, *members = cursor.fetchone()
        return "/".join(["" if own is None else str(own), *(str(latest or 0) for latest in members)])

    def unit_editors(self):
        """Return who may not publish this object: for a draft, everyone who made or changed it or a draft
        published with it; for a withdrawn object, who made it and who changed it last."""
        rows = self.history.order_by("history_id").values_list("history_user", flat=True)
        if self.was_published:
            users = {rows.first(), rows.last()}
        else:
            users = set(rows)
            for members in self.unit_members():
                users.update(
                    members.model.history.filter(id__in=members.values("pk")).values_list("history_user", flat=True)
                )
        return {user for user in users if user is not None}

    def version(self):
        """Return the version of this object: its newest history row. A proposal records the one it started from."""
        return current_version(self)

    def publish(self, user=None, reason="", when=None):
        """Make this object public (again); the first time, with the drafts that belong to it (unit_members)."""
        when = when or timezone.now()
        members = [] if self.was_published else [member for drafts in self.unit_members() for member in drafts]
        for obj in [self, *members]:
            obj.state, obj.withdrawn_at, obj.withdrawal_reason = State.PUBLISHED, None, ""
            obj.published_at = obj.published_at or when
            save_with_history(obj, user, reason, update_fields=PUBLICATION_FIELDS)

    def withdraw(self, user=None, reason="", note="", when=None):
        """Take this object off the public pages; its URL stays and says when and why (`note`)."""
        self.state, self.withdrawn_at, self.withdrawal_reason = State.WITHDRAWN, when or timezone.now(), note
        save_with_history(self, user, reason, update_fields=PUBLICATION_FIELDS)

    def lock_before_deciding(self):
        """Lock the rows that writes to this object lock before it, ahead of deciding a proposal for it.

        Nothing by default; a claim locks its answer, as the claim tools do, so neither waits for the other.
        """

    def proposals_approved_with(self, proposal):
        """Return other pending proposals that approving `proposal` approves first, in the same transaction.

        None by default; a claim names the proposals of a split or merge that make room for it.
        """
        return []

    def apply_changes(self, changes, user=None, reason=""):
        """Set the approved `changes` ({field name: value}) on this object, check them as a form would, save."""
        fields = {field.name: field for field in self.reviewed_fields()}
        related = {}
        for name, value in changes.items():
            field = fields[name]
            if field.many_to_many:
                related[field.name] = value
            else:
                setattr(self, field.attname, None if value is None else field.to_python(value))
        self.full_clean()
        self.save_approved(user, reason)
        for name, keys in related.items():
            getattr(self, name).set(keys)

    def save_approved(self, user, reason):
        """Save the object after an approved change; an answer re-anchors its claims here."""
        save_with_history(self, user, reason)


class ProposalQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Status.PENDING)

    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)

    def for_objects(self, objects):
        """Return the proposals for the objects of the queryset `objects`."""
        model = objects.model
        return self.filter(content_type=ContentType.objects.get_for_model(model), object_id__in=objects.values("pk"))

    def by(self, user):
        return self.filter(created_by=user)

    def awaiting_review_by(self, user):
        """Return the pending proposals `user` may decide on: everyone's but their own."""
        return self.pending().exclude(created_by=user)

    def corrections_of(self, obj):
        """Return the approved changes to `obj`, latest first, with who proposed and who approved each: its
        public corrections log."""
        return (
            self.for_object(obj)
            .filter(kind=Kind.CHANGE, status=Status.APPROVED)
            .select_related("created_by", "reviewed_by")
            .order_by("-reviewed_at", "-id")
        )


class Kind(models.TextChoices):
    PUBLISH = "publish", _("publish")
    CHANGE = "change", _("change")
    WITHDRAW = "withdraw", _("withdraw")


class Status(models.TextChoices):
    PENDING = "pending", _("waiting for review")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    RETURNED = "returned", _("changes requested")
    WITHDRAWN = "withdrawn", _("withdrawn by its author")


class Proposal(CheckedText, models.Model):
    Kind = Kind
    Status = Status

    content_type = models.ForeignKey(ContentType, verbose_name=_("kind of object"), on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField(_("object id"))
    target = GenericForeignKey("content_type", "object_id")
    target_label = models.CharField(_("object"), max_length=300, help_text=_("The object as it was named then."))
    kind = models.CharField(_("proposal"), max_length=10, choices=Kind)
    changes = models.JSONField(_("proposed values"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    before = models.JSONField(_("values when proposed"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    base_version = models.CharField(
        _("version proposed against"), max_length=100, blank=True, help_text=_("The object's version it changes.")
    )
    note = models.TextField(_("note"), blank=True, help_text=_("What the change is for; why to withdraw."))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        related_name="proposals_made",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Empty for an import run from the command line without --user."),
    )
    created_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        related_name="proposals_reviewed",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("review comment"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = ProposalQuerySet.as_manager()
    history = History()

    class Meta:
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        ordering = ["-created_at", "-id"]
        permissions = [("review_proposal", _("Can approve or reject proposed changes"))]
        indexes = [models.Index(fields=["content_type", "object_id", "status"], name="proposal_target_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(reviewed_by__isnull=True) | Q(created_by__isnull=True) | ~Q(reviewed_by=F("created_by")),
                name="proposal_not_reviewed_by_its_author",
                violation_error_message=_("Nobody may review their own proposal."),
            ),
            models.CheckConstraint(
                condition=Q(status=Status.PENDING, reviewed_by__isnull=True, closed_at__isnull=True)
                | Q(status=Status.WITHDRAWN, reviewed_by__isnull=True, closed_at__isnull=False)
                | Q(
                    status__in=[Status.APPROVED, Status.REJECTED, Status.RETURNED],
                    reviewed_by__isnull=False,
                    reviewed_at__isnull=False,
                    closed_at__isnull=False,
                ),
                name="proposal_reviewed_exactly_when_decided",
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind", "created_by"],
                condition=Q(status=Status.PENDING),
                name="proposal_one_pending_per_author_and_kind",
                violation_error_message=_("You already have a proposal of this kind waiting for review here."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display().capitalize()} “{self.target_label}”"

    @staticmethod
    def user_can_review(user):
        """Tell whether `user` may approve or reject proposals: an active staff member holding the permission.

        Nobody decides on their own proposal even so: the workflow refuses it, and so does the database.
        """
        return user.is_active and user.is_staff and user.has_perm(REVIEW_PERMISSION)

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    def target_model(self):
        return self.content_type.model_class()

    def changed_field_names(self):
        """Return the names readers know the changed fields by, in the model's field order."""
        model = self.target_model()
        return [str(model._meta.get_field(name).verbose_name) for name in self.proposed_values()]

    def proposed_values(self):
        """Return the proposed changes as {field: value}, in the field order of the model."""
        order = [field.name for field in self.target_model().reviewed_fields()]
        return {name: self.changes[name] for name in order if name in self.changes}
