"""Admin of proposals: the list of proposed changes, and the page where a reviewer decides on one."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from config import presence
from config.admin import HistoryAdmin
from config.proposals import diff, workflow
from config.proposals.models import Kind, Proposal


@admin.register(Proposal)
class ProposalAdmin(HistoryAdmin):
    list_display = ["title", "kind", "content_type", "status", "created_by", "created_at", "reviewed_by"]
    list_filter = ["status", "kind", "content_type", "created_by", "reviewed_by"]
    search_fields = ["target_label", "note", "review_comment"]
    list_select_related = ["content_type", "created_by", "reviewed_by"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        # Proposals come from saving content in its own form, never from a blank one.
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("proposal"), ordering="target_label")
    def title(self, proposal):
        return str(proposal)

    def target_admin(self, proposal):
        return self.admin_site._registry.get(proposal.target_model())

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """Show what the proposal changes; a reviewer approves, returns or rejects it, its author may withdraw it."""
        proposal = self.get_object(request, unquote(object_id))
        if proposal is None:
            raise Http404(_("No such proposal."))
        if not self.has_view_permission(request, proposal):
            raise PermissionDenied
        if request.method == "POST":
            return self._decide(request, proposal)
        target = proposal.target
        target_admin = self.target_admin(proposal)
        before = {}
        if target is not None:
            fields = {field.name: field for field in proposal.target_model().reviewed_fields()}
            before = {name: target.field_value(fields[name]) for name in proposal.changes}
        preview = None
        if target is not None and target_admin is not None and hasattr(target_admin, "proposal_preview"):
            preview = target_admin.proposal_preview(request, proposal, target)
        if preview is None and target is not None and proposal.kind == Kind.PUBLISH:
            # Without a page of its own to show, a publication shows every field of what would go public.
            fields = proposal.target_model().reviewed_fields()
            everything = {field.name: target.field_value(field) for field in fields}
            preview = render_to_string(
                "admin/proposals/proposal/fields.html",
                {"rows": diff.rows(proposal.target_model(), everything, everything)},
                request,
            )
        is_reviewer = Proposal.user_can_review(request.user)
        context = {
            **self.admin_site.each_context(request),
            "title": str(proposal),
            "opts": self.opts,
            "original": proposal,
            "proposal": proposal,
            "target": target,
            "target_url": target_admin
            and target is not None
            and reverse(f"admin:{target._meta.app_label}_{target._meta.model_name}_change", args=[target.pk]),
            "rows": diff.rows(proposal.target_model(), before, proposal.proposed_values()),
            "preview": preview,
            "is_current": target is not None and workflow.is_current(proposal, target),
            "is_own": proposal.created_by_id == request.user.pk,
            "can_decide": proposal.is_pending and is_reviewer and proposal.created_by_id != request.user.pk,
            "is_reviewer": is_reviewer,
            "is_publication": proposal.kind == Kind.PUBLISH,
            "queue_url": self.queue_url(),
            "looking": presence.look_at(proposal, request.user) if proposal.is_pending else [],
        }
        return TemplateResponse(request, "admin/proposals/proposal/review.html", context)

    def _decide(self, request, proposal):
        decision, comment = request.POST.get("decision"), request.POST.get("comment", "")
        here = reverse("admin:proposals_proposal_change", args=[proposal.pk])
        try:
            if decision == "approve":
                workflow.approve(proposal, request.user, comment)
                message = _("Approved: readers now see the change to “%(target)s”.")
            elif decision == "request-changes":
                workflow.request_changes(proposal, request.user, comment)
                message = _("Sent back to the editor with your comment. Nothing changed for readers.")
            elif decision == "reject":
                workflow.reject(proposal, request.user, comment)
                message = _("Rejected; the editor sees your comment. Nothing changed for readers.")
            elif decision == "withdraw":
                workflow.withdraw(proposal, request.user)
                message = _("Your proposal for “%(target)s” was withdrawn.")
            else:
                self.message_user(request, _("Choose Approve, Request changes or Reject."), messages.ERROR)
                return redirect(here)
        except workflow.ProposalError as error:
            self.message_user(request, error.message, messages.ERROR)
            return redirect(here)
        self.message_user(request, message % {"target": proposal.target_label}, messages.SUCCESS)
        if decision == "withdraw":
            return redirect(here)
        return redirect(self.queue_url())

    def queue_url(self):
        """Return the review queue of the admin site (it names it), or the list of pending proposals."""
        name = getattr(self.admin_site, "review_queue_url_name", None)
        if name:
            return reverse(name)
        return reverse("admin:proposals_proposal_changelist") + "?status__exact=pending"
