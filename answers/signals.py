"""Every signal receiver of the answers app, connected by AnswersConfig.ready().

- Frozen revisions: their evidence cannot change, whichever side of the relation is used.
- Timeline checks: recheck a claim when its text changes, and every claim when the timeline does.
- People in the record: a user who made a recorded change is never deleted.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import ProtectedError
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from answers.models import Annotation, Claim, FrozenRevisionError
from answers.models.checks import recheck
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
        recheck([instance])


@receiver(post_save, sender=Event)
@receiver(post_delete, sender=Event)
def recheck_after_timeline_change(sender, raw=False, **kwargs):
    if not raw:
        # After the commit, so that the recheck sees the whole change (an event and its sources).
        transaction.on_commit(recheck)


@receiver(pre_delete, sender=get_user_model())
def keep_people_in_the_record(sender, instance, **kwargs):
    # Deleting would blank the user out of every history row (and delete their admin log): refuse.
    if appears_in_history(instance):
        raise ProtectedError(
            f"{instance} made changes that history records, so the account can only be deactivated.", {instance}
        )
