"""Import in two steps, as the admin does it: preview what uploaded documents would do, then confirm it.

The preview is a dry run of the same import the command runs. Confirming imports the staged documents
(never a new upload) in one transaction and checks that the import does exactly what the preview said;
if the stored content changed since, so that it would do something else, nothing is written.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from answers.importer import ImportFailed, ImportStale, check_names, import_parsed, parse_documents
from answers.models import StagedImport

# A preview older than this is not imported: the editor previews again and sees what is stored now.
PREVIEW_LIFETIME = datetime.timedelta(hours=24)


class ImportRefused(Exception):
    """A confirmation that cannot go ahead, with a message for the person who asked."""


def parsed(documents):
    """Parse (path, bytes) pairs as the command does, names checked; raise ImportFailed with every bad one."""
    failures = []
    try:
        check_names(path for path, _ in documents)
    except ImportFailed as error:
        failures.extend(error.errors)
    try:
        result = parse_documents(documents)
    except ImportFailed as error:
        failures.extend(error.errors)
    if failures:
        raise ImportFailed.every(failures)
    return result


def preview_import(documents, user, captured_on=None):
    """Say what importing `documents` ((path, bytes) pairs) would do; write nothing but the staged documents.

    Return (report, staged import). Raise ImportFailed with every document that cannot be imported.
    """
    report = import_parsed(parsed(documents), captured_on=captured_on, user=user, dry_run=True)
    StagedImport.objects.filter(
        created_by=user, imported_at__isnull=True, created_at__lt=timezone.now() - PREVIEW_LIFETIME
    ).delete()
    staged = StagedImport.objects.create(
        created_by=user,
        captured_on=captured_on,
        documents=StagedImport.pack(documents),
        preview=report.outline(),
    )
    return report, staged


def confirm_import(staged_id, user):
    """Import the documents of the user's preview `staged_id`, if the import does what the preview said.

    Return the ImportReport. Raise ImportRefused (no such preview, someone else's, imported already, too
    old), ImportStale (the content changed since the preview) or ImportFailed; in each case nothing is written.
    """
    with transaction.atomic():
        staged = StagedImport.objects.select_for_update().filter(pk=staged_id).first()
        if staged is None or staged.created_by_id != user.pk:
            raise ImportRefused("There is no such preview of yours: upload the documents again.")
        if staged.imported_at is not None:
            raise ImportRefused("These documents were imported already, when you confirmed this preview before.")
        if staged.created_at < timezone.now() - PREVIEW_LIFETIME:
            raise ImportRefused("This preview is more than a day old: upload the documents again to see a new one.")
        try:
            documents = staged.unpacked()
        except (TypeError, ValueError) as error:  # binascii.Error is a ValueError
            raise ImportRefused(
                "The documents of this preview cannot be read back, so nothing was imported: upload them again."
            ) from error
        report = import_parsed(parsed(documents), captured_on=staged.captured_on, user=user, expected=staged.preview)
        staged.imported_at = timezone.now()
        staged.save(update_fields=["imported_at"])
    return report


def restage(staged_id, user):
    """Preview again the documents of the user's earlier preview; return (report, staged import)."""
    staged = StagedImport.objects.get(pk=staged_id, created_by=user)
    return preview_import(staged.unpacked(), user, staged.captured_on)


__all__ = ["ImportFailed", "ImportRefused", "ImportStale", "confirm_import", "preview_import", "restage"]
