from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    IMMEDIATELY = "immediately", _("as it happens")
    DAILY = "daily", _("in one daily digest")
    OFF = "off", _("never: emails off")


class Kind(models.TextChoices):
    WAITING = "waiting", _("waiting for review")
    APPROVED = "approved", _("approved")
    RETURNED = "returned", _("returned for changes")
    REJECTED = "rejected", _("rejected")


class NotificationSettings(models.Model):
    """How one person wants to hear of work waiting for them and of decisions on their work."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="notification_settings", verbose_name=_("user")
    )
    delivery = models.CharField(
        _("email me"),
        max_length=20,
        choices=Delivery.choices,
        default=Delivery.IMMEDIATELY,
        help_text=_(
            "Reviewers are told when work waits for them, editors when their work is approved, returned or "
            "rejected. Nobody is told about what they did themself."
        ),
    )
    last_digest_at = models.DateTimeField(_("last digest sent"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self):
        return f"{self.user}: {self.get_delivery_display()}"

    @classmethod
    def delivery_for(cls, user):
        """Return how `user` wants to be emailed (at once, unless they chose otherwise)."""
        found = cls.objects.filter(user=user).values_list("delivery", flat=True).first()
        return found or Delivery.IMMEDIATELY


class NotificationQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(sent_at__isnull=True)

    def for_digest(self):
        """Return the notifications kept for a daily digest and not sent yet."""
        return self.unsent().filter(delivery=Delivery.DAILY)


class Notification(models.Model):
    """One thing a person is told by email: sent at once, or kept until their daily digest."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("actor")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    url = models.URLField(_("link"), max_length=500)
    delivery = models.CharField(
        _("delivery"), max_length=20, choices=[c for c in Delivery.choices if c[0] != Delivery.OFF]
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["recipient", "sent_at"], name="notification_unsent_idx")]
        constraints = [
            # Nobody is told about what they did themself.
            models.CheckConstraint(condition=~Q(recipient=F("actor")), name="notification_not_to_actor"),
        ]

    def __str__(self):
        return self.subject

    def as_text(self):
        """Return the notification as a paragraph of a plain-text email."""
        return f"{self.body}\n\n{self.url}"
