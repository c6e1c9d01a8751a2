"""Factline's admin site: its titles, and a dashboard of the work waiting for editors and reviewers."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from answers.models import Annotation, Claim
from answers.roles import REVIEW_PERMISSION


class FactlineAdminSite(admin.AdminSite):
    site_header = _("Factline editorial")
    site_title = _("Factline admin")
    index_title = _("Content and review")

    def index(self, request, extra_context=None):
        revisions = Annotation.objects.all()
        counts = {
            "own_drafts": revisions.drafts().filter(created_by=request.user).count(),
            "drafts": revisions.drafts().count(),
            "submitted": revisions.submitted().count(),
            "to_review": revisions.submitted().exclude(created_by=request.user).count(),
            "orphaned": Claim.objects.filter(orphaned=True).count(),
            "can_review": request.user.has_perm(REVIEW_PERMISSION),
        }
        return super().index(request, {"workflow": counts, **(extra_context or {})})
