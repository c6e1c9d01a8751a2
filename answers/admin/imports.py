"""Importing documents in the admin: upload, preview what would change, confirm (the questions list's screens)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from answers import import_report as kinds
from answers.import_preview import ImportFailed, ImportRefused, ImportStale, confirm_import, preview_import, restage
from answers.uploads import unpack


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files at once (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,.zip,text/plain,application/zip"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        return [single(item, initial) for item in data] if isinstance(data, list | tuple) else [single(data, initial)]


class ImportForm(forms.Form):
    documents = MultipleFileField(
        label=_("documents"),
        help_text=_(
            "One or more question-and-answer documents (.txt), or a .zip of them. Nothing is written until "
            "you have seen the preview and confirmed it."
        ),
    )
    captured_on = forms.DateField(
        label=_("captured on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "When the pages were captured; relative posted dates (“a year ago”) count back from it. Leave empty "
            "for today on new documents, and the stored date on documents imported before."
        ),
    )


# The preview's sections: (title, kind, actions), each listing the changes of that kind.
SECTIONS = [
    (_("Questions"), kinds.QUESTION, (kinds.CREATED, kinds.CHANGED)),
    (_("Authors"), kinds.AUTHOR, (kinds.CREATED,)),
    (_("Answers"), kinds.ANSWER, (kinds.CREATED, kinds.CHANGED, kinds.KEPT)),
    (_("New claims and their timeline checks"), kinds.CLAIM, (kinds.CREATED,)),
    (_("Existing claims re-anchored in changed text"), kinds.CLAIM, (kinds.MOVED, kinds.REWORDED)),
    (_("Orphaned claims"), kinds.CLAIM, (kinds.ORPHANED,)),
    (_("Changes proposed to published content"), kinds.PROPOSAL, (kinds.PROPOSED,)),
    (_("Waiting for a reviewer to publish them"), None, (kinds.PUBLICATION,)),
]


def sections(report):
    """Return the preview's sections that have something in them, as (title, changes)."""
    found = []
    for title, kind, actions in SECTIONS:
        changes = [c for c in report.changes if (kind is None or c.kind == kind) and c.action in actions]
        if changes:
            found.append((title, changes))
    return found


class ImportDocumentsMixin:
    """The questions list's "Import documents" screens: ModelAdmin methods wired in get_urls()."""

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="answers_question_import"),
            path(
                "import/<uuid:staged>/",
                self.admin_site.admin_view(self.import_confirm_view),
                name="answers_question_import_confirm",
            ),
            *super().get_urls(),
        ]

    def may_import(self, request):
        """Tell whether the user may import: editors, and any staff with permission to add questions."""
        return self.has_add_permission(request)

    def refuse_import(self, request):
        self.message_user(
            request,
            _("Only editors can import documents. Ask an editor to import them, or an administrator for the role."),
            messages.ERROR,
        )
        if self.has_view_or_change_permission(request):
            return redirect(reverse("admin:answers_question_changelist"))
        return redirect(reverse("admin:index"))

    def import_view(self, request):
        """Upload documents and see what importing them would do; nothing is written yet."""
        if not self.may_import(request):
            return self.refuse_import(request)
        form = ImportForm(request.POST or None, request.FILES or None)
        errors = []
        if request.method == "POST" and form.is_valid():
            try:
                documents, notes = unpack(form.cleaned_data["documents"])
                report, staged = preview_import(documents, request.user, form.cleaned_data["captured_on"])
            except ImportFailed as failed:
                errors = failed.lines()
            else:
                return self.render_import_preview(request, report, staged, notes)
        return self.render_import(request, "admin/answers/question/import.html", {"form": form, "errors": errors})

    @method_decorator(require_POST)
    def import_confirm_view(self, request, staged):
        """Import the previewed documents, if the import still does what the preview said."""
        if not self.may_import(request):
            return self.refuse_import(request)
        try:
            report = confirm_import(staged, request.user)
        except ImportRefused as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return redirect(reverse("admin:answers_question_import"))
        except ImportFailed as failed:
            errors = failed.lines()
            context = {"form": ImportForm(), "errors": errors}
            return self.render_import(request, "admin/answers/question/import.html", context)
        except ImportStale:
            self.message_user(
                request,
                _(
                    "Nothing was imported: the stored content changed after your preview, so the import would no "
                    "longer do what you saw. Here is the preview of the same documents as things are now; confirm "
                    "it if it is what you want."
                ),
                messages.ERROR,
            )
            report, fresh = restage(staged, request.user)
            return self.render_import_preview(request, report, fresh, [])
        waiting = reverse("admin:proposals_proposal_changelist")
        self.message_user(
            request,
            format_html(
                '{} {} <a href="{}?status__exact=pending&amp;created_by__id__exact={}">{}</a>',
                report.summary(),
                _("Readers see none of it until another person approves it:"),
                waiting,
                request.user.pk,
                _("see what waits for review"),
            ),
            messages.SUCCESS,
        )
        return redirect(reverse("admin:answers_question_changelist") + "?state__exact=draft")

    def render_import_preview(self, request, report, staged, notes):
        context = {
            "report": report,
            "summary": report.summary(dry_run=True),
            "sections": sections(report),
            "staged": staged,
            "notes": notes,
        }
        return self.render_import(request, "admin/answers/question/import_preview.html", context)

    def render_import(self, request, template, context):
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import documents"),
            "opts": self.opts,
            **context,
        }
        return TemplateResponse(request, template, context)
