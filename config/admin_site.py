"""Factline's admin site: its titles, and a dashboard of the work waiting for editors and reviewers."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from answers import review_queue
from answers.models import Annotation, Claim, Question
from config.proposals.models import Proposal


class FactlineAdminSite(admin.AdminSite):
    site_header = _("Factline editorial")
    site_title = _("Factline admin")
    index_title = _("Content and review")
    # At 1280 px the sidebar and a list's filters leave a list 630 px; the breadcrumbs and the index lead
    # everywhere the sidebar did.
    enable_nav_sidebar = False
    # Where reviewers go back to after deciding on something.
    review_queue_url_name = "admin:answers_annotation_queue"

    def index(self, request, extra_context=None):
        revisions = Annotation.objects.all()
        counts = {
            "own_drafts": revisions.drafts_by(request.user).count(),
            "drafts": revisions.drafts().count(),
            "submitted": revisions.submitted().count(),
            "to_review": revisions.awaiting_review_by(request.user).count(),
            "orphaned": Claim.objects.filter(orphaned=True).count(),
            "can_review": Annotation.user_can_review(request.user) or Proposal.user_can_review(request.user),
            "proposals": Proposal.objects.pending().count(),
            "proposals_to_review": Proposal.objects.awaiting_review_by(request.user).count(),
            "own_proposals": Proposal.objects.pending().by(request.user).count(),
            "unpublished_questions": Question.objects.drafts().count(),
            "reworded": Claim.objects.on_record().needing_a_new_revision().count(),
        }
        desk = review_queue.desk_for(request.user) if request.user.has_perm("answers.add_annotation") else None
        return super().index(request, {"workflow": counts, "desk": desk, **(extra_context or {})})
