"""Factline's admin site: its titles, and a dashboard of the work waiting for editors and reviewers."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from answers.models import Annotation, Claim


class FactlineAdminSite(admin.AdminSite):
    site_header = _("Factline editorial")
    site_title = _("Factline admin")
    index_title = _("Content and review")

    def index(self, request, extra_context=None):
        revisions = Annotation.objects.all()
        counts = {
            "own_drafts": revisions.drafts_by(request.user).count(),
            "drafts": revisions.drafts().count(),
            "submitted": revisions.submitted().count(),
            "to_review": revisions.awaiting_review_by(request.user).count(),
            "orphaned": Claim.objects.filter(orphaned=True).count(),
            "can_review": Annotation.user_can_review(request.user),
        }
        return super().index(request, {"workflow": counts, **(extra_context or {})})
