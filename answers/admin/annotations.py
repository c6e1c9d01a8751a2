"""Admin for annotation revisions: writing drafts, the review queue and the review page."""

from django.contrib import admin, messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join, linebreaks
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from answers import review, review_queue
from answers.models import Annotation, AnnotationSource, Claim, Verdict
from config import presence
from config.admin import HTTPS_BY_DEFAULT, AdminRefusal, HistoryAdmin
from config.people import display_name
from config.proposals.diff import word_diff
from config.proposals.models import Proposal

QUEUE_PAGE_SIZE = 25


def claim_in_context(claim):
    """Return the claim's answer as HTML, with the claim marked."""
    body = claim.answer.body
    if claim.orphaned or body[claim.start : claim.end] != claim.exact:
        return format_html(
            '<p class="help">{}</p><blockquote>{}</blockquote>', _("Orphaned: not found in the answer."), claim.exact
        )
    marked = format_html("{}<mark>{}</mark>{}", body[: claim.start], body[claim.start : claim.end], body[claim.end :])
    return format_html(
        '<div class="claim-context"><p class="help">{}, answer {} to “{}”</p>{}</div>',
        claim.answer.author,
        claim.answer.position,
        claim.answer.question,
        # linebreaks() returns a plain str; its input is the escaped text that format_html() made above.
        mark_safe(linebreaks(marked)),  # noqa: S308
    )


class AnnotationSourceInline(admin.TabularInline):
    model = AnnotationSource
    extra = 1
    fields = ["title", "url"]
    formfield_overrides = HTTPS_BY_DEFAULT

    def _editable(self, request, obj):
        return obj is not None and obj.is_draft_of(request.user)

    def has_add_permission(self, request, obj=None):
        return self._editable(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(request, obj) and super().has_delete_permission(request, obj)


@admin.register(Annotation)
class AnnotationAdmin(HistoryAdmin):
    change_form_template = "admin/answers/annotation/change_form.html"
    list_display = ["claim_quote", "revision", "status", "verdict", "created_by", "reviewed_by", "created_at"]
    list_filter = ["status", "verdict", "created_by", "reviewed_by"]
    search_fields = ["claim__exact", "rationale", "review_comment"]
    list_select_related = ["claim", "verdict", "created_by", "reviewed_by"]
    autocomplete_fields = ["evidence"]
    inlines = [AnnotationSourceInline]
    readonly_fields = [
        "claim_link",
        "claim_context",
        "revision",
        "status",
        "based_on",
        "created_by",
        "created_at",
        "submitted_at",
        "reviewed_by",
        "reviewed_at",
        "review_comment",
    ]
    fieldsets = [
        (_("Claim"), {"fields": ["claim_link", "claim_context"]}),
        (
            _("Assessment"),
            {
                "fields": ["verdict", "rationale", "evidence"],
                "description": _(
                    "Choose the verdict a careful historian would give, say why in one to three sentences with the "
                    "correct facts, and cite timeline events and sources. A second person reviews it before readers "
                    "see it."
                ),
            },
        ),
        (
            _("Review"),
            {
                "fields": [
                    ("revision", "status"),
                    "based_on",
                    ("created_by", "created_at"),
                    "submitted_at",
                    ("reviewed_by", "reviewed_at"),
                    "review_comment",
                ]
            },
        ),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "verdict":
            # A retired verdict stays on the revisions that used it, but is not offered for new ones.
            kwargs["queryset"] = Verdict.objects.live()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_urls(self):
        return [
            path("queue/", self.admin_site.admin_view(self.queue_view), name="answers_annotation_queue"),
            path("<int:pk>/review/", self.admin_site.admin_view(self.review_view), name="answers_annotation_review"),
            path(
                "<int:pk>/withdraw-submission/",
                self.admin_site.admin_view(self.withdraw_view),
                name="answers_annotation_withdraw_submission",
            ),
            *super().get_urls(),
        ]

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_add_permission(self, request):
        # Revisions are started from a claim's page, so that each one knows what it revises.
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and not obj.is_draft_of(request.user):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not obj.is_draft_of(request.user):
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description=_("claim"), ordering="claim__exact")
    def claim_quote(self, annotation):
        return Truncator(annotation.claim.exact).chars(120)

    @admin.display(description=_("claim"))
    def claim_link(self, annotation):
        url = reverse("admin:answers_claim_change", args=[annotation.claim_id])
        return format_html('<a href="{}">{}</a>', url, annotation.claim.exact)

    @admin.display(description=_("in its answer"))
    def claim_context(self, annotation):
        return claim_in_context(annotation.claim)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_submit"] = obj is not None and obj.is_draft_of(request.user)
        context["can_withdraw"] = (
            obj is not None and obj.status == Annotation.Status.SUBMITTED and obj.created_by_id == request.user.pk
        )
        context["can_review"] = (
            obj is not None and obj.status == Annotation.Status.SUBMITTED and Annotation.user_can_review(request.user)
        )
        context["suggested_events"] = self.suggested_events(obj) if context["can_submit"] else []
        context["rejected_before"] = obj.rejected_before() if context["can_submit"] else None
        context["can_start_again"] = (
            obj is not None
            and obj.status == Annotation.Status.REJECTED
            and Annotation.objects.rejected_for(request.user).filter(pk=obj.pk).exists()
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    @staticmethod
    def suggested_events(annotation):
        """Return the timeline events the claim names that the revision does not cite yet."""
        check = getattr(annotation.claim, "timeline_check", None)
        if check is None:
            return []
        return list(check.events.exclude(pk__in=annotation.evidence.values("pk")).order_by("start_date"))

    def response_change(self, request, obj):
        if "_add_suggested" in request.POST:
            suggested = self.suggested_events(obj)
            obj.evidence.add(*suggested)
            names = ", ".join(event.name for event in suggested) or _("nothing new")
            self.message_user(request, _("Saved, and added to the evidence: %(names)s.") % {"names": names})
            return redirect(reverse("admin:answers_annotation_change", args=[obj.pk]))
        if "_submit" not in request.POST:
            return super().response_change(request, obj)
        try:
            review.submit(obj, request.user)
        except review.ReviewError as error:
            self.message_user(request, error.message, messages.ERROR)
            return redirect(reverse("admin:answers_annotation_change", args=[obj.pk]))
        self.message_user(
            request, _("Revision %(revision)s was submitted for review.") % {"revision": obj.revision}, messages.SUCCESS
        )
        return redirect(reverse("admin:answers_claim_change", args=[obj.claim_id]))

    def refuse_review(self, request):
        """Return the refusal an editor meets on the review pages: who reviews, and where their own work is."""
        revisions = reverse("admin:answers_annotation_changelist")
        mine = f"created_by__id__exact={request.user.pk}"
        return AdminRefusal(
            _(
                "Only reviewers approve or reject revisions: a second person checks every change, so nobody "
                "publishes their own work. Yours reaches a reviewer once you submit it."
            ),
            [
                (
                    _("Your desk: your drafts, what waits for review and what came back"),
                    reverse("admin:index") + "#desk",
                ),
                (_("Your revisions waiting for review"), f"{revisions}?status__exact=submitted&{mine}"),
                (_("Your drafts"), f"{revisions}?status__exact=draft&{mine}"),
                (
                    _("Your rejected revisions, with the reviewer's comment"),
                    f"{revisions}?status__exact=rejected&{mine}",
                ),
                (_("Claims that need a verdict"), reverse("admin:answers_claim_changelist") + "?review=needs-verdict"),
            ],
        )

    def queue_view(self, request):
        if not (Annotation.user_can_review(request.user) or Proposal.user_can_review(request.user)):
            raise self.refuse_review(request)
        page = Paginator(review_queue.waiting_for(request.user), QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
        review_queue.with_lookers(page.object_list, request.user)
        own = Annotation.objects.submitted().filter(created_by=request.user).count()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Review queue"),
            "opts": self.model._meta,
            "page_obj": page,
            "own_waiting": own + Proposal.objects.pending().by(request.user).count(),
            "reworded": Claim.objects.on_record().needing_a_new_revision().select_related("answer__question"),
        }
        return TemplateResponse(request, "admin/answers/annotation/queue.html", context)

    def review_view(self, request, pk):
        if not Annotation.user_can_review(request.user):
            raise self.refuse_review(request)
        annotation = get_object_or_404(
            Annotation.objects.select_related(
                "claim__answer__author", "claim__answer__question", "claim__timeline_check", "created_by", "verdict"
            ),
            pk=pk,
        )
        if request.method == "POST":
            return self._decide(request, annotation)
        published = annotation.claim.annotations.published().select_related("verdict", "reviewed_by").first()
        is_waiting = annotation.status == Annotation.Status.SUBMITTED
        context = {
            **self.admin_site.each_context(request),
            "title": _("Review revision %(revision)s") % {"revision": annotation.revision},
            "opts": self.model._meta,
            "annotation": annotation,
            "author": display_name(annotation.created_by),
            "published": published,
            "changes": assessment_changes(published, annotation),
            "since_returned": changes_since_returned(annotation),
            "claim_context": claim_in_context(annotation.claim),
            "timeline_check": getattr(annotation.claim, "timeline_check", None),
            "is_waiting": is_waiting,
            "is_own": annotation.created_by_id == request.user.pk,
            "conflict": review.conflict(annotation) if is_waiting else None,
            "looking": presence.look_at(annotation, request.user),
            "reviewer": display_name(request.user),
            "today": timezone.now(),
        }
        return TemplateResponse(request, "admin/answers/annotation/review.html", context)

    def _decide(self, request, annotation):
        decision, comment = request.POST.get("decision"), request.POST.get("comment", "")
        try:
            if decision == "approve":
                review.approve(annotation, request.user, comment)
                message = _("Revision %(revision)s is published: readers now see its verdict.")
            elif decision == "request-changes":
                review.request_changes(annotation, request.user, comment)
                message = _("Revision %(revision)s went back to its editor as a draft, with your comment.")
            elif decision == "reject":
                review.reject(annotation, request.user, comment)
                message = _("Revision %(revision)s was rejected; the editor sees your comment.")
            else:
                self.message_user(request, _("Choose Approve, Request changes or Reject."), messages.ERROR)
                return redirect(reverse("admin:answers_annotation_review", args=[annotation.pk]))
        except review.ReviewError as error:
            self.message_user(request, error.message, messages.ERROR)
            return redirect(reverse("admin:answers_annotation_review", args=[annotation.pk]))
        self.message_user(request, message % {"revision": annotation.revision}, messages.SUCCESS)
        return redirect(reverse("admin:answers_annotation_queue"))

    @method_decorator(require_POST)
    def withdraw_view(self, request, pk):
        """Take the editor's own submission back from review, and open it as their draft."""
        annotation = get_object_or_404(Annotation, pk=pk)
        try:
            review.withdraw_submission(annotation, request.user)
        except review.ReviewError as error:
            self.message_user(request, error.message, messages.ERROR)
            return redirect(reverse("admin:answers_annotation_change", args=[annotation.pk]))
        self.message_user(
            request,
            _("Revision %(revision)s is back in your drafts: change it, then submit it again.")
            % {"revision": annotation.revision},
            messages.SUCCESS,
        )
        return redirect(reverse("admin:answers_annotation_change", args=[annotation.pk]))


def assessment_changes(published, annotation):
    """Return (label, HTML, changed) for each part of the assessment, changes marked word by word."""
    verdict_before, verdict_after = str(published.verdict) if published else "", str(annotation.verdict or "")
    rationale_before = published.rationale if published else ""
    return [
        (_("verdict"), word_diff(verdict_before, verdict_after), verdict_before != verdict_after),
        (_("rationale"), word_diff(rationale_before, annotation.rationale), rationale_before != annotation.rationale),
        _link_changes(
            _("evidence"),
            [(event.get_absolute_url(), f"{event.name} ({event.date_display})") for event in published.evidence.all()]
            if published
            else [],
            [(event.get_absolute_url(), f"{event.name} ({event.date_display})") for event in annotation.evidence.all()],
        ),
        _link_changes(
            _("sources"),
            [(source.url, source.title) for source in published.sources.all()] if published else [],
            [(source.url, source.title) for source in annotation.sources.all()],
        ),
    ]


def changes_since_returned(annotation):
    """Return (label, HTML, changed) for the verdict and rationale changed since a reviewer sent them back."""
    returned = review.as_returned(annotation)
    if returned is None:
        return []
    verdict_before, verdict_after = str(returned.verdict or ""), str(annotation.verdict or "")
    return [
        (_("verdict"), word_diff(verdict_before, verdict_after), verdict_before != verdict_after),
        (
            _("rationale"),
            word_diff(returned.rationale, annotation.rationale),
            returned.rationale != annotation.rationale,
        ),
    ]


def _link_changes(label, before, after):
    """Return (label, a list of links with removed ones struck out and added ones marked, changed)."""
    marked = [("ins" if link not in before else "span", link) for link in after]
    marked += [("del", link) for link in before if link not in after]
    items = format_html_join(
        "",
        '<li><{0}><a href="{1}" rel="noopener noreferrer">{2}</a></{0}></li>',
        ((tag, url, text) for tag, (url, text) in marked),
    )
    return label, format_html('<ul class="links">{}</ul>', items) if marked else "—", before != after


class RevisionInline(admin.TabularInline):
    """A claim's whole revision chain, newest first, read-only."""

    model = Annotation
    fk_name = "claim"
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name = _("revision")
    verbose_name_plural = _("revisions (newest first)")
    fields = [
        "revision",
        "status",
        "verdict",
        "rationale",
        "created_by",
        "reviewed_by",
        "reviewed_at",
        "review_comment",
    ]
    readonly_fields = fields
    ordering = ["-revision"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
