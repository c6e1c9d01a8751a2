"""Tell people by email what happened to work they review or wrote, once the change has committed.

The workflows call `notify` inside their transaction: it keeps one Notification a recipient, and the
email goes out through a task (django-tasks) after the commit, so a rolled-back change tells nobody
and a slow or failing mail server never holds up a request. Whoever did the thing is never told.
"""

import logging
from collections import Counter

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator

from config.notifications.models import Delivery, Kind, Notification, NotificationSettings
from config.people import display_name

logger = logging.getLogger(__name__)


def quoted(text, words=14):
    """Return `text` in quotation marks, cut at a word boundary."""
    return f"“{Truncator(' '.join(text.split())).words(words, truncate='…')}”"


def reviewers(permission):
    """Return the users who can act on work waiting for review: active staff holding `permission`."""
    users = get_user_model().objects.with_perm(
        permission, is_active=True, include_superusers=True, backend="django.contrib.auth.backends.ModelBackend"
    )
    return users.filter(is_staff=True)


def notify(recipients, actor, kind, subject, body, path):
    """Tell each of `recipients` but `actor` about `subject` by email, after the current transaction commits.

    `path` is the item's address in the admin. Recipients without an email address, inactive ones and
    those who turned emails off are passed over; those who chose a daily digest get it there.
    """
    people = {
        user.pk: user
        for user in recipients
        if user is not None and user.is_active and user.email and (actor is None or user.pk != actor.pk)
    }
    if not people:
        return []
    chosen = dict(NotificationSettings.objects.filter(user__in=people).values_list("user_id", "delivery"))
    notifications = Notification.objects.bulk_create(
        Notification(
            recipient=user,
            actor=actor,
            kind=kind,
            subject=subject[:300],
            body=body,
            url=settings.FACTLINE_SITE_URL + path,
            delivery=chosen.get(pk, Delivery.IMMEDIATELY),
        )
        for pk, user in people.items()
        if chosen.get(pk) != Delivery.OFF
    )
    now = sorted(n.recipient_id for n in notifications if n.delivery == Delivery.IMMEDIATELY)
    if now:
        # robust: a queue that cannot take the task is logged, and the change the user made stands. (Not a
        # functools.partial: Django names the failing callback by its __qualname__.)
        transaction.on_commit(lambda: enqueue_sending(now), robust=True)
    return notifications


def enqueue_sending(recipient_ids):
    """Queue the task that emails these recipients what they are waiting to be told."""
    from config.notifications.tasks import send_notifications

    send_notifications.enqueue(recipient_ids)


def send_now(recipient_ids):
    """Email each recipient, in one email, everything they are to be told at once and were not told yet.

    Return how many notifications went out. One recipient's failure does not keep the others waiting; it
    is raised once they are done, for the task queue to record.
    """
    users = get_user_model().objects.filter(pk__in=recipient_ids, is_active=True).exclude(email="")
    sent, failures = 0, []
    for user in users:
        try:
            sent += deliver(user, Notification.objects.unsent().filter(recipient=user, delivery=Delivery.IMMEDIATELY))
        except Exception as error:
            logger.exception("Could not email %s their notifications", user.get_username())
            failures.append(error)
    if failures:
        raise failures[0]
    return sent


def send_digests(dry_run=False):
    """Send each person who chose the daily digest one email with everything since their last one.

    Return how many digests went out (or, with `dry_run`, would go out) and how many failed. People who
    turned emails off since are passed over: their notifications stay unsent.
    """
    waiting = Notification.objects.for_digest().values("recipient")
    users = get_user_model().objects.filter(pk__in=waiting, is_active=True).exclude(email="")
    users = users.exclude(notification_settings__delivery=Delivery.OFF)
    if dry_run:
        return users.count(), 0
    sent = failed = 0
    for user in users:
        preference, _ = NotificationSettings.objects.get_or_create(user=user)
        try:
            deliver(user, Notification.objects.for_digest().filter(recipient=user), digest=preference)
        except Exception:
            logger.exception("Could not email %s their digest", user.get_username())
            failed += 1
        else:
            sent += 1
    return sent, failed


def deliver(user, notifications, digest=None):
    """Send `notifications` (all for `user`) as one email and mark them sent; return how many were sent.

    With `digest` (the user's NotificationSettings) the email is their daily digest, and its time is kept.
    The notifications are claimed first, so two workers never send the same one; if the mail server
    refuses, they are released again and the error is raised.
    """
    ids = list(notifications.values_list("pk", flat=True))
    if not ids:
        return 0
    claimed_at = timezone.now()
    Notification.objects.filter(pk__in=ids, sent_at__isnull=True).update(sent_at=claimed_at)
    items = list(Notification.objects.filter(pk__in=ids, sent_at=claimed_at))
    if not items:
        return 0
    subject, lines = digest_message(items, digest.last_digest_at) if digest else message(items)
    body = "\n\n".join([f"Hello {display_name(user)},", *lines, signature()])
    try:
        send_mail(subject, body, None, [user.email])
    except Exception:
        Notification.objects.filter(pk__in=[item.pk for item in items]).update(sent_at=None)
        raise
    if digest is not None:
        digest.last_digest_at = claimed_at
        digest.save(update_fields=["last_digest_at"])
    return len(items)


def message(items):
    """Return the subject and paragraphs of an email telling `items` at once."""
    if len(items) == 1:
        return items[0].subject, [items[0].as_text()]
    return f"{len(items)} updates on Factline: {summary(items)}", [item.as_text() for item in items]


def digest_message(items, since):
    """Return the subject and paragraphs of a daily digest of `items`."""
    when = f" since {date_format(timezone.localtime(since), 'j F')}" if since else ""
    count = "1 update" if len(items) == 1 else f"{len(items)} updates"
    subject = f"Your Factline digest: {count}{when} ({summary(items)})"
    return subject, [f"{index}. {item.subject}\n{item.as_text()}" for index, item in enumerate(items, 1)]


def summary(items):
    """Say how many of `items` are of each kind: "2 waiting for review, 1 approved"."""
    counts = Counter(item.kind for item in items)
    return ", ".join(f"{counts[kind]} {kind.label}" for kind in Kind if counts[kind])


def signature():
    """Return the closing lines of every email: where to change how one is emailed."""
    return (
        "-- \nFactline editorial. You get these emails because of your work in the Factline admin; choose "
        f"a daily digest or turn them off at {settings.FACTLINE_SITE_URL}{reverse('admin:notifications_settings')}"
    )


DECISIONS = {
    Kind.APPROVED: ("Approved", "approved"),
    Kind.RETURNED: ("Returned for changes", "returned with a request for changes"),
    Kind.REJECTED: ("Rejected", "rejected"),
}


def tell_reviewers(permission, actor, what, path, detail="", people=None):
    """Tell the reviewers holding `permission` (`people`, when they were found already), but `actor`, that
    `what` ("revision 2 of …") waits for them."""
    who = display_name(actor) if actor is not None else "An import"
    body = "\n\n".join(part for part in (f"{who} submitted {what} for review.", detail) if part)
    people = reviewers(permission) if people is None else people
    return notify(people, actor, Kind.WAITING, f"Waiting for your review: {what}", body, path)


def no_longer_waiting(path):
    """Drop the "waiting for your review" notices of the item at `path` not sent yet: it was decided or withdrawn.

    They would only send a reviewer's digest to work that waits for nobody.
    """
    return Notification.objects.unsent().filter(kind=Kind.WAITING, url=settings.FACTLINE_SITE_URL + path).delete()


def tell_author(author, reviewer, kind, what, path, comment="", next_step=""):
    """Tell `author` that `reviewer` approved, returned or rejected (`kind`) their `what`."""
    heading, verb = DECISIONS[kind]
    parts = [f"{display_name(reviewer)} {verb} {what}.", comment and f"Their comment: {comment}", next_step]
    return notify([author], reviewer, kind, f"{heading}: {what}", "\n\n".join(p for p in parts if p), path)
