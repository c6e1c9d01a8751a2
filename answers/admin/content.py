from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from answers import anchoring, claim_tools, review
from answers.admin.annotations import RevisionInline
from answers.admin.imports import ImportDocumentsMixin
from answers.models import Annotation, Answer, Author, Claim, Question, ReviewState, Verdict
from config.admin import GuardedModelForm, PublishableAdmin
from config.proposals.models import Proposal


def publication_preview(request, question, answers):
    """Render answers as readers would see them once published, each claim with its timeline check."""
    answers = list(
        answers.select_related("author").prefetch_related(
            Prefetch("claims", queryset=Claim.objects.select_related("timeline_check"), to_attr="preview_claims")
        )
    )
    for answer in answers:
        claims = [claim for claim in answer.preview_claims if not claim.orphaned]
        answer.pieces = anchoring.segments(answer.body, [(claim.start, claim.end, claim) for claim in claims])
    context = {"question": question, "answers": answers}
    return render_to_string("admin/answers/question/publication_preview.html", context, request)


@admin.display(description=_("anchor"), ordering="orphaned")
def anchor(claim):
    """Say "Orphaned" where the claim lost its quote, and nothing where it stands in the text.

    (Django's boolean icons read the wrong way here: a green tick for a lost claim.)
    """
    if claim.orphaned:
        return format_html('<strong class="orphaned">{}</strong>', _("Orphaned"))
    return ""


@admin.display(description=_("anchor"))
def anchor_state(claim):
    """Say on a claim's page whether it stands in its answer's text."""
    return anchor(claim) or _("In the answer's text.")


class ReadOnlyInline(admin.TabularInline):
    """An inline that lists related rows with a link to each; they are edited on their own pages."""

    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AnswerInline(ReadOnlyInline):
    model = Answer
    fields = ["position", "author", "posted_label", "posted_on"]


@admin.register(Question)
class QuestionAdmin(ImportDocumentsMixin, PublishableAdmin):
    change_list_template = "admin/answers/question/change_list.html"
    list_display = ["text", "answer_count", "document", "captured_on"]
    search_fields = ["text", "document"]
    prepopulated_fields = {"slug": ["text"]}
    inlines = [AnswerInline]
    fieldsets = [
        (None, {"fields": ["text", "slug"]}),
        (_("Source"), {"fields": ["document", "captured_on"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(answer_count=Count("answers"))

    @admin.display(description=_("answers"), ordering="answer_count")
    def answer_count(self, question):
        return question.answer_count

    def proposal_preview(self, request, proposal, question):
        """Show the whole question as readers will see it once published: answers, claims, timeline checks."""
        if proposal.kind != Proposal.Kind.PUBLISH:
            return None
        return publication_preview(request, question, question.answers.order_by("position"))


@admin.register(Author)
class AuthorAdmin(PublishableAdmin):
    list_display = ["name", "slug", "answer_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(answer_count=Count("answers"))

    @admin.display(description=_("answers"), ordering="answer_count")
    def answer_count(self, author):
        return author.answer_count


class ClaimInline(ReadOnlyInline):
    model = Claim
    fields = ["number", "exact", "start", "end", anchor]
    readonly_fields = fields


def claim_map(answer):
    """Return what the claim tools show of an answer: its text cut into pieces (each with its offset and its
    claim, if any) as it will stand once pending changes are approved, and the claims not in the text."""
    spans = {claim.pk: span for claim, span in answer.planned_claim_spans().items()}
    claims = list(Claim.objects.with_public_review().filter(answer=answer).order_by("start", "number"))
    pending = {}
    for proposal in Proposal.objects.pending().for_objects(answer.claims.all()):
        pending.setdefault(proposal.object_id, []).append(proposal)
    for claim in claims:
        claim.proposals = pending.get(claim.pk, [])
        claim.review_state = claim_tools.review_state(claim, claim.proposals)
        claim.planned = spans.get(claim.pk)
    pieces, offset = [], 0
    placed = [(*claim.planned, claim) for claim in claims if claim.planned]
    for text, claim in anchoring.segments(answer.body, placed):
        pieces.append({"text": text, "start": offset, "claim": claim})
        offset += len(text)
    return {
        "pieces": pieces,
        "off_text": [claim for claim in claims if not claim.planned],
        "seen": claim_tools.layout_version(answer),
    }


@admin.register(Answer)
class AnswerAdmin(PublishableAdmin):
    change_form_template = "admin/answers/answer/change_form.html"
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 24, "class": "vLargeTextField"})}}
    list_display = ["__str__", "author", "position", "posted_label", "posted_on", "claim_count"]
    list_filter = ["author", "question"]
    search_fields = ["body", "author__name", "question__text"]
    autocomplete_fields = ["question", "author"]
    list_select_related = ["question", "author"]
    inlines = [ClaimInline]
    fieldsets = [
        (None, {"fields": ["question", "position", "author"]}),
        (_("Posted"), {"fields": [("posted_label", "posted_on")]}),
        (_("Text"), {"fields": ["body"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(description=_("claims"), ordering="claim_count")
    def claim_count(self, answer):
        return answer.claim_count

    def get_urls(self):
        tools = self.admin_site.admin_view(self.claim_tools_view)
        return [path("<path:object_id>/claims/", tools, name="answers_answer_claim_tools"), *super().get_urls()]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["claim_map"] = claim_map(obj)
            context["can_use_claim_tools"] = self.may_use_claim_tools(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def may_use_claim_tools(self, request, answer):
        return self.has_change_permission(request, answer) and request.user.has_perms(
            ["answers.add_claim", "answers.change_claim"]
        )

    @method_decorator(require_POST)
    def claim_tools_view(self, request, object_id):
        """Create, split, merge or move claims with the offsets the answer page's selection filled in."""
        answer = self.get_object(request, unquote(object_id))
        if answer is None:
            raise Http404(_("No such answer."))
        here = reverse("admin:answers_answer_change", args=[answer.pk]) + "#claim-tools"
        if not self.may_use_claim_tools(request, answer):
            self.message_user(request, _("Only editors can change an answer's claims."), messages.ERROR)
            return redirect(here)
        post, user = request.POST, request.user

        def number(name):
            try:
                return int(post.get(name, ""))
            except ValueError:
                return None

        def claim(name):
            return answer.claims.filter(pk=number(name)).first()

        operation, seen = post.get("operation"), post.get("seen") or None
        try:
            if operation == "create":
                outcome = claim_tools.create_claim(answer, number("start"), number("end"), user, seen)
            elif operation in ("split", "merge", "move") and claim("claim") is None:
                raise claim_tools.ClaimToolError(_("That claim is no longer in this answer; reload the page."), "gone")
            elif operation == "split":
                outcome = claim_tools.split(claim("claim"), number("at"), user, seen)
            elif operation == "merge":
                if claim("other") is None:
                    raise claim_tools.ClaimToolError(_("Select words of two neighbouring claims to merge."), "gone")
                outcome = claim_tools.merge(claim("claim"), claim("other"), user, seen)
            elif operation == "move":
                outcome = claim_tools.move_boundary(claim("claim"), number("start"), number("end"), user, seen)
            else:
                raise claim_tools.ClaimToolError(_("Select words in the answer's text, then choose what to do."), "op")
        except claim_tools.ClaimToolError as refused:
            self.message_user(request, refused.message, messages.ERROR)
            return redirect(here)
        self.message_user(request, outcome.message, messages.SUCCESS)
        if outcome.proposals:
            links = format_html_join(
                ", ",
                '<a href="{}">{}</a>',
                ((reverse("admin:proposals_proposal_change", args=[p.pk]), p) for p in outcome.proposals),
            )
            self.message_user(
                request,
                format_html("{} {}", _("Readers see this once another person approves:"), links),
                messages.INFO,
            )
        return redirect(here)

    def proposal_preview(self, request, proposal, answer):
        """Show a new answer as readers will see it, or what a new text would do to its claims."""
        if proposal.kind == Proposal.Kind.PUBLISH:
            return publication_preview(request, answer.question, Answer.objects.filter(pk=answer.pk))
        if "body" not in proposal.changes:
            return None
        body = proposal.changes["body"]
        claims = answer.claims.exclude(orphaned=True).with_published_revision().order_by("start", "number")
        plan = answer.plan_reanchoring(body, claims)
        spans = plan.spans
        context = {
            "moved": [
                c for c, span in spans.items() if span not in (None, (c.start, c.end)) and c not in plan.reworded
            ],
            "reworded": [(claim, body[spans[claim][0] : spans[claim][1]]) for claim in plan.reworded],
            "orphaned": [claim for claim, span in spans.items() if span is None],
            "kept": sum(1 for claim, span in spans.items() if span == (claim.start, claim.end)),
            "new": [body[start:end] for start, end in plan.new_spans],
        }
        return render_to_string("admin/answers/answer/text_impact.html", context, request)

    def save_model(self, request, obj, form, change):
        if change and obj.was_published:
            super().save_model(request, obj, form, change)  # a proposal; the claims move once it is approved
            return
        outcome = obj.save_text(request.user)
        if outcome is None:
            return
        messages.info(request, _("Claims after the edit: %(outcome)s.") % {"outcome": outcome})
        if outcome.orphaned:
            links = format_html_join(
                ", ", '<a href="{}">{}</a>', ((admin_url(claim), claim) for claim in outcome.orphaned)
            )
            messages.warning(request, format_html("{} {}", _("These claims lost their quote:"), links))


def admin_url(instance):
    return reverse(f"admin:{instance._meta.app_label}_{instance._meta.model_name}_change", args=[instance.pk])


class ReviewStateFilter(admin.SimpleListFilter):
    title = _("review state")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return ReviewState.choices

    def queryset(self, request, queryset):
        if self.value() in ReviewState.values:
            return queryset.filter(review_state=self.value())
        return queryset


class PublishedVerdictFilter(admin.SimpleListFilter):
    title = _("published verdict")
    parameter_name = "verdict"
    NONE = "none"

    def lookups(self, request, model_admin):
        return [*Verdict.objects.values_list("slug", "label"), (self.NONE, _("no published verdict"))]

    def queryset(self, request, queryset):
        published = Annotation.objects.published().filter(claim=OuterRef("pk"))
        if self.value() == self.NONE:
            return queryset.exclude(Exists(published))
        if self.value():
            return queryset.filter(Exists(published.filter(verdict__slug=self.value())))
        return queryset


class OrphanedFilter(admin.SimpleListFilter):
    title = _("anchor")
    parameter_name = "anchor"

    def lookups(self, request, model_admin):
        return [("orphaned", _("orphaned")), ("anchored", _("in the text"))]

    def queryset(self, request, queryset):
        if self.value() in ("orphaned", "anchored"):
            return queryset.filter(orphaned=self.value() == "orphaned")
        return queryset


class ClaimForm(GuardedModelForm):
    class Meta:
        model = Claim
        fields = ["answer", "exact", "start", "end"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("start", "end"):
            if name not in self.fields:  # a view-only form has no editable fields
                continue
            self.fields[name].required = False
            self.fields[name].help_text += " " + _("Leave empty to find the quote in the text.")


@admin.register(Claim)
class ClaimAdmin(PublishableAdmin):
    change_form_template = "admin/answers/claim/change_form.html"
    form = ClaimForm
    inlines = [RevisionInline]
    list_display = ["quote", "published_verdict", "review", "check_result", anchor]
    list_display_links = None  # the quote links to the claim; the answer under it does not
    list_filter = [
        ReviewStateFilter,
        PublishedVerdictFilter,
        "timeline_check__result",
        OrphanedFilter,
        "answer__author",
        "answer__question",
    ]
    list_per_page = 50
    search_fields = ["exact", "answer__author__name", "answer__question__text"]
    autocomplete_fields = ["answer"]
    list_select_related = ["answer__author", "answer__question", "timeline_check"]
    readonly_fields = ["number", "prefix", "suffix", anchor_state, "timeline"]
    fieldsets = [
        (None, {"fields": ["answer", "number", "exact"]}),
        (
            _("Timeline check"),
            {
                "fields": ["timeline"],
                "description": _(
                    "The claim's dates compared with the curated timeline: a hint for the editor, never a verdict."
                ),
            },
        ),
        (
            _("Anchor"),
            {
                "fields": [("start", "end"), ("prefix", "suffix"), anchor_state],
                "description": _(
                    "Where the quote stands in the answer's text. Offsets are found for you when the quote "
                    "appears exactly once; an orphaned claim is fixed by correcting its quote."
                ),
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_review_state().with_published_revision()

    def get_inlines(self, request, obj):
        # A new claim has no revisions yet.
        return self.inlines if obj is not None else []

    def get_urls(self):
        revise = self.admin_site.admin_view(self.revise_view)
        return [path("<int:pk>/revise/", revise, name="answers_claim_revise"), *super().get_urls()]

    @method_decorator(require_POST)
    def revise_view(self, request, pk):
        """Start (or continue) the user's revision of a claim and open it.

        With `start_from` (a rejected revision of the user's), the new revision starts from that work.
        """
        claim = self.get_object(request, str(pk))
        if claim is None:
            raise Http404(_("No such claim."))
        if not request.user.has_perm("answers.add_annotation"):
            raise PermissionDenied
        start_from = None
        if chosen := request.POST.get("start_from"):
            if chosen.isascii() and chosen.isdigit():
                start_from = claim.annotations.filter(pk=int(chosen)).first()
            if start_from is None:
                self.message_user(
                    request,
                    _("That revision is not one of this claim's; start again from the list of its revisions."),
                    messages.ERROR,
                )
                return redirect(reverse("admin:answers_claim_change", args=[claim.pk]))
        try:
            draft = review.start_revision(claim, request.user, start_from=start_from)
        except review.ReviewError as error:
            self.message_user(request, error.message, messages.ERROR)
            return redirect(reverse("admin:answers_claim_change", args=[claim.pk]))
        self.message_user(
            request,
            _("Revision %(revision)s is your draft: edit it, then use “Save and submit for review”.")
            % {"revision": draft.revision},
        )
        return redirect(reverse("admin:answers_annotation_change", args=[draft.pk]))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["can_revise"] = request.user.has_perm("answers.add_annotation")
            context["own_draft"] = obj.annotations.drafts_by(request.user).first()
            context["published_revision"] = obj.annotations.published().select_related("verdict").first()
            context["waiting_revision"] = obj.annotations.submitted().select_related("created_by").first()
            context["can_review"] = Annotation.user_can_review(request.user)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def proposal_preview(self, request, proposal, claim):
        """Show the claim's proposed words in their paragraph, and what approving approves with them."""
        if proposal.kind == Proposal.Kind.CHANGE and {"start", "end"} & set(proposal.changes):
            start, end = proposal.changes.get("start", claim.start), proposal.changes.get("end", claim.end)
        elif proposal.kind == Proposal.Kind.PUBLISH and claim.answer.was_published:
            start, end = claim.start, claim.end
        else:
            return None
        body = claim.answer.body
        if not 0 <= start < end <= len(body):
            return None
        first, last = anchoring.paragraph_around(body, start, end)
        context = {
            "before": body[first:start],
            "words": body[start:end],
            "after": body[end:last],
            "current": claim.exact if proposal.kind == Proposal.Kind.CHANGE else None,
            "companions": claim.proposals_approved_with(proposal) if proposal.is_pending else [],
        }
        return render_to_string("admin/answers/claim/words_preview.html", context, request)

    def get_readonly_fields(self, request, obj=None):
        # A claim's number is only unique within its answer, so a claim stays with the answer it was made for.
        return [*self.readonly_fields, "answer"] if obj else self.readonly_fields

    @admin.display(description=_("timeline check"), ordering="timeline_check__result")
    def check_result(self, claim):
        check = getattr(claim, "timeline_check", None)
        return check.get_result_display() if check else "—"

    @admin.display(description=_("timeline check"))
    def timeline(self, claim):
        check = getattr(claim, "timeline_check", None)
        if check is None:
            return _("Not checked yet.")
        return format_html("<strong>{}</strong>: {}", check.get_result_display(), check.explanation)

    @admin.display(description=_("claim"), ordering="exact")
    def quote(self, claim):
        """Show the quote cut at a word, and under it whose answer to which question it is from."""
        return format_html(
            '<a href="{}">{}</a><span class="claim-source">{} · {}</span>',
            admin_url(claim),
            Truncator(claim.exact).words(40),
            claim.answer.author,
            Truncator(claim.answer.question.text).words(8),
        )

    @admin.display(description=_("published verdict"))
    def published_verdict(self, claim):
        verdict = claim.verdict
        if verdict is None:
            return "—"
        # An SVG fill, not a style attribute: the Content-Security-Policy allows no inline styles.
        return format_html(
            '<svg class="swatch" width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="{}"/>'
            "</svg> {}",
            verdict.colour,
            verdict.label,
        )

    @admin.display(description=_("review"), ordering="review_state")
    def review(self, claim):
        state = ReviewState(claim.review_state)
        return format_html('<span class="review-state review-{}">{}</span>', state.value, state.label)

    def save_model(self, request, obj, form, change):
        if obj.number is None:
            obj.number = obj.answer.next_claim_number()
        super().save_model(request, obj, form, change)


@admin.register(Verdict)
class VerdictAdmin(PublishableAdmin):
    list_display = ["label", "swatch", "rating_value", "slug", "position"]
    search_fields = ["label", "description"]
    prepopulated_fields = {"slug": ["label"]}

    @admin.display(description=_("colour"))
    def swatch(self, verdict):
        # An SVG fill, not a style attribute: the Content-Security-Policy allows no inline styles.
        return format_html(
            '<svg class="swatch" width="24" height="16" aria-hidden="true">'
            '<rect width="24" height="16" fill="{}"/></svg> {}',
            verdict.colour,
            verdict.colour,
        )
