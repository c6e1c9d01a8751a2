"""Every signal receiver of the answers app, connected by AnswersConfig.ready().

- Frozen revisions: their evidence cannot change, whichever side of the relation is used.
- Timeline checks: recheck a claim when it is saved, and the claims an event concerns when the event changes.
- Public listings: refresh a claim's listing when it, its revisions, its answer or its question change.
  Both are done at once, or in bulk at the end of an answers.upkeep.gathered() block (an import).
- People in the record: a user who made a recorded change is never deleted.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import ProtectedError
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save
from django.dispatch import receiver

from answers import upkeep
from answers.models import Annotation, Answer, Claim, FrozenRevisionError, Question, refresh_listings
from answers.models.checks import ClaimCheck, claims_concerned, recheck
from answers.models.listings import forget_listings
from config.history import appears_in_history
from events.models import Event


@receiver(pre_save, sender=Annotation)
def remember_raw_save(sender, instance, raw, **kwargs):
    # loaddata saves raw and then sets many-to-many fields on the same instance; let those through.
    instance._saved_raw = raw


@receiver(m2m_changed, sender=Annotation.evidence.through)
def refuse_evidence_change_on_frozen_revisions(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("pre_add", "pre_remove", "pre_clear"):
        return
    if reverse:
        revisions = Annotation.objects.filter(pk__in=pk_set) if pk_set else instance.annotations.all()
    elif getattr(instance, "_saved_raw", False):
        return
    else:
        revisions = Annotation.objects.filter(pk=instance.pk)
    if revisions.frozen().exists():
        raise FrozenRevisionError("The evidence of a submitted or reviewed revision cannot change.")


@receiver(post_save, sender=Claim)
def recheck_claim(sender, instance, raw, **kwargs):
    if not raw:
        upkeep.check([instance], index=True)


@receiver(post_save, sender=Claim)
def refresh_claim_listing(sender, instance, raw, **kwargs):
    if not raw:
        upkeep.refresh(claims=[instance.pk])


@receiver(post_save, sender=Annotation)
def refresh_reviewed_claim_listing(sender, instance, raw, **kwargs):
    if not raw:
        upkeep.refresh(claims=[instance.claim_id])


@receiver(post_save, sender=Answer)
def refresh_answer_listings(sender, instance, raw, **kwargs):
    if not raw:
        upkeep.refresh(answers=[instance.pk])


@receiver(post_save, sender=Question)
def refresh_question_listings(sender, instance, raw, **kwargs):
    if not raw:
        upkeep.refresh(questions=[instance.pk])


def list_unlisted_claims(using, **kwargs):
    """After migrating, write the listings of claims that have none (all of them, the first time); those of
    claims readers cannot see stay without one."""
    refresh_listings(Claim.objects.using(using).filter(listing__isnull=True))


@receiver(pre_delete, sender=Claim)
def forget_claim_listing(sender, instance, **kwargs):
    forget_listings([instance.pk])


@receiver(pre_save, sender=Event)
def remember_event_names(sender, instance, raw, **kwargs):
    names = Event.objects.filter(pk=instance.pk).values_list("name", "aliases").first() if instance.pk else None
    instance._names_before = [names[0], *names[1].splitlines()] if names else []


@receiver(post_save, sender=Event)
def recheck_claims_naming_event(sender, instance, raw, **kwargs):
    if raw:
        return
    names = {*instance._names_before, instance.name, *instance.alias_list}
    pk = instance.pk
    # After the commit, so that the recheck sees the whole change (an event and its sources).
    transaction.on_commit(lambda: recheck(claims_concerned(pk, names)))


@receiver(pre_delete, sender=Event)
def recheck_claims_naming_deleted_event(sender, instance, **kwargs):
    pks = list(ClaimCheck.objects.filter(events=instance).values_list("claim_id", flat=True))
    transaction.on_commit(lambda: recheck(Claim.objects.filter(pk__in=pks)))


@receiver(pre_delete, sender=get_user_model())
def keep_people_in_the_record(sender, instance, **kwargs):
    # Deleting would blank the user out of every history row (and delete their admin log): refuse.
    if appears_in_history(instance):
        raise ProtectedError(
            f"{instance} made changes that history records, so the account can only be deactivated.", {instance}
        )
