"""Imports previewed in the admin: the documents an editor saw a preview of, kept until they confirm it."""

import base64
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StagedImport(models.Model):
    """Documents uploaded for import and what their preview said; confirming imports exactly these documents."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), related_name="+", on_delete=models.CASCADE
    )
    created_at = models.DateTimeField(_("previewed at"), auto_now_add=True)
    captured_on = models.DateField(_("captured on"), null=True, blank=True)
    documents = models.JSONField(_("documents"), help_text=_("Each document's path and its bytes, in base64."))
    preview = models.JSONField(_("preview"), help_text=_("What the preview said the import would do."))
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        verbose_name = _("previewed import")
        verbose_name_plural = _("previewed imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{len(self.documents)} documents previewed by {self.created_by} at {self.created_at}"

    @staticmethod
    def pack(documents):
        """Return (path, bytes) pairs as the JSON the documents field holds."""
        return [[str(path), base64.b64encode(data).decode("ascii")] for path, data in documents]

    def unpacked(self):
        """Return the documents as the (path, bytes) pairs they were uploaded as."""
        return [(str(path), base64.b64decode(data, validate=True)) for path, data in self.documents]
