"""Admin base classes shared by Factline's apps: history pages, and no silent overwrites.

Every app's admin imports these, so this module imports nothing from the apps; the admin site and its
dashboard live in config/admin_site.py, the review of proposals in config/proposals/admin.py.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models import Max
from django.forms.models import _get_foreign_key
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from config.history import change_reason, current_version, edit_reason
from config.proposals.models import Kind, Proposal, Publishable, State, to_json
from config.proposals.workflow import (
    ProposalError,
    is_current,
    propose_change,
    propose_withdrawal,
    request_publication,
)
from config.text import excerpts

VERSION_FIELD = "seen_version"
ROWS_FIELD = "seen_rows"
# Sources are web pages: an address typed without a scheme means https.
HTTPS_BY_DEFAULT = {models.URLField: {"assume_scheme": "https"}}


class AdminRefusal(PermissionDenied):
    """A refusal in the admin that says why, and what the user can do instead: (label, url) pairs.

    config.views.permission_denied shows it on the admin's 403 page.
    """

    def __init__(self, reason, alternatives=()):
        super().__init__(reason)
        self.reason, self.alternatives = reason, list(alternatives)


class GuardedModelForm(forms.ModelForm):
    """A form that refuses to save an object that someone else changed after the form was opened.

    The rows of its editable inlines are guarded with it (`row_histories`, set by the admin): a change
    to one of them since the form was opened is refused the same way.
    """

    seen_version = forms.CharField(widget=forms.HiddenInput, required=False)
    seen_rows = forms.CharField(widget=forms.HiddenInput, required=False)
    row_histories = ()  # (history model, column of the parent's key) of each guarded inline

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields[VERSION_FIELD].initial = current_version(self.instance)
            self.fields[ROWS_FIELD].initial = self.rows_version()

    def row_history(self):
        """Return the history rows of the guarded inline rows, one queryset per inline."""
        return [history.objects.filter(**{column: self.instance.pk}) for history, column in self.row_histories]

    def rows_version(self):
        newest = [rows.aggregate(newest=Max("history_id"))["newest"] or 0 for rows in self.row_history()]
        return ",".join(map(str, newest))

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None:
            return cleaned_data
        # Lock the row so that no other save can slip in between this check and our save.
        model = type(self.instance)
        list(model._default_manager.select_for_update().filter(pk=self.instance.pk).values_list("pk"))
        if (cleaned_data.get(VERSION_FIELD), cleaned_data.get(ROWS_FIELD) or "") != (
            current_version(self.instance),
            self.rows_version(),
        ):
            newest = [rows.order_by("-history_date").select_related("history_user").first() for rows in self.changes()]
            latest = max((row for row in newest if row is not None), key=lambda row: row.history_date)
            raise forms.ValidationError(
                _(
                    "This %(model)s was changed by %(who)s at %(when)s, after you opened it. Your changes were "
                    "not saved, so that theirs are not lost: open the page again to see their version, then make "
                    "your changes again."
                ),
                code="stale",
                params={
                    "model": model._meta.verbose_name,
                    "who": latest.history_user or _("an import or a command"),
                    "when": date_format(localtime(latest.history_date), "DATETIME_FORMAT"),
                },
            )
        return cleaned_data

    def changes(self):
        """Return the history of the object and of its guarded rows."""
        return [self.instance.history.all(), *self.row_history()]


class SafeChoicesMixin:
    """Drop submitted ids that are not ids at all, or too large for the database, instead of failing while
    the form is redrawn (the form itself already says they are not valid choices)."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [item for item in value if self._could_be_an_id(item)], attr)

    def _could_be_an_id(self, item):
        pk = self.field.remote_field.model._meta.pk
        try:
            value = pk.to_python(item)
        except ValidationError:
            return False
        if not isinstance(value, int):
            return True
        low, high = connections[self.db or DEFAULT_DB_ALIAS].ops.integer_field_range(pk.get_internal_type())
        return (low is None or value >= low) and (high is None or value <= high)


class SafeAutocompleteSelect(SafeChoicesMixin, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(SafeChoicesMixin, AutocompleteSelectMultiple):
    pass


class WordCutHistoryHelper(HistoricalRecordContextHelper):
    """Show a changed text on the history page around where it changed, cut between words."""

    def stringify_delta_change_values(self, change, old, new):
        if isinstance(old, str) and isinstance(new, str):
            return tuple(conditional_escape(text) for text in excerpts(old, new))
        return super().stringify_delta_change_values(change, old, new)


class TextWithLineBreaks(forms.CharField):
    """A long text's form field that keeps its line breaks as stored, "\n": browsers submit them as "\r\n".

    Without it, saving a text unchanged in a browser would change every line break, and propose it.
    """

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose change form refuses to overwrite a concurrent change.

    Old versions can be viewed but not reverted to (SIMPLE_HISTORY_REVERT_DISABLED): a revert would
    bypass what a normal save does, such as re-anchoring claims, so editors copy from it instead.
    """

    form = GuardedModelForm

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.TextField) and not db_field.choices:
            kwargs.setdefault("form_class", TextWithLineBreaks)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def history_view(self, request, object_id, extra_context=None):
        self._check_id(self.model._meta.pk, object_id)
        return super().history_view(request, object_id, extra_context)

    def get_historical_record_context_helper(self, request, historical_record):
        return WordCutHistoryHelper(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, *args, **kwargs):
        super().set_history_delta_changes(request, historical_records, *args, **kwargs)
        for record in historical_records:
            changes = getattr(record, "history_delta_changes", None)  # the oldest row on the page has none
            labels = None if changes is None else [str(change["field"]).lower() for change in changes]
            record.reason = change_reason(record, labels)

    def save_model(self, request, obj, form, change):
        if not getattr(obj, "_change_reason", None):
            obj._change_reason = edit_reason(form, add=not change)
        super().save_model(request, obj, form, change)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"], "Old versions can be viewed, not reverted to.")
        self._check_id(self.model._meta.pk, object_id)
        self._check_id(self.model.history.model._meta.pk, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    @staticmethod
    def _check_id(field, value):
        try:
            field.to_python(unquote(value))
        except ValidationError:
            raise Http404("No such object.") from None

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if VERSION_FIELD in flatten_fieldsets(fieldsets):
            return fieldsets
        return [*fieldsets, (None, {"fields": [VERSION_FIELD, ROWS_FIELD], "classes": ["hidden"]})]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and issubclass(form, GuardedModelForm):
            form.row_histories = self.guarded_row_histories(request, obj)
        return form

    def guarded_row_histories(self, request, obj):
        """Return (history model, parent key column) for each inline the user may edit on this page."""
        guarded = []
        for inline in self.get_inline_instances(request, obj):
            editable = (
                inline.has_add_permission(request, obj)
                or inline.has_change_permission(request, obj)
                or (inline.can_delete and inline.has_delete_permission(request, obj))
            )
            history = getattr(inline.model, "history", None)
            if editable and history is not None:
                key = _get_foreign_key(type(obj), inline.model, fk_name=inline.fk_name)
                guarded.append((history.model, key.attname))
        return guarded


def _filled_with(form_class, values):
    """Return `form_class` starting from `values` ({field name: value}) over the instance's own values."""

    class FilledForm(form_class):
        def __init__(self, *args, **kwargs):
            kwargs["initial"] = {**(kwargs.get("initial") or {}), **values}
            super().__init__(*args, **kwargs)

    FilledForm.__name__ = form_class.__name__
    return FilledForm


class ReviewedInlineMixin:
    """An inline whose rows belong to their parent's content: editable while the parent is a draft only.

    Once the parent is published, each row is its own reviewed object, changed from its own admin page.
    """

    def _parent_is_draft(self, obj):
        return obj is None or not obj.was_published

    def has_add_permission(self, request, obj=None):
        return self._parent_is_draft(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._parent_is_draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._parent_is_draft(obj) and super().has_delete_permission(request, obj)


class PublishableAdmin(HistoryAdmin):
    """The admin of content readers see: drafts are saved, published content changes only through review.

    Saving a draft saves it and asks a reviewer to publish it. Saving a published object saves nothing
    that readers see: the form's changes become a proposal that another person approves or rejects
    (config.proposals). Published objects are never deleted; they are withdrawn, through review too.
    """

    change_form_template = "admin/reviewed/change_form.html"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and obj.was_published:
            # Published content may point only at published content (but for drafts its change publishes).
            for name, field in form.base_fields.items():
                model = getattr(getattr(field, "queryset", None), "model", None)
                if model and issubclass(model, Publishable) and name not in type(obj).drafts_published_with_change:
                    field.queryset = field.queryset.exclude(state=State.DRAFT)
        returned = getattr(request, "_returned_change", None)
        if obj is not None and returned is not None:
            form = _filled_with(form, returned.changes)
        return form

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET" and "from_proposal" in request.GET:
            obj = self.get_object(request, unquote(object_id))
            if obj is not None:
                request._returned_change = self.returned_proposal(request, obj, Kind.CHANGE)
        return super().change_view(request, object_id, form_url, extra_context)

    def returned_proposal(self, request, obj, kind):
        """Return the user's own returned proposal of `kind` named by ?from_proposal=, if `obj` has not changed
        since it was made, to start the form from; say why not otherwise (the form then shows `obj` as it is)."""
        pk = request.GET.get("from_proposal", "")
        proposal = (
            Proposal.objects.for_object(obj)
            .filter(
                pk=pk if pk.isdigit() else None, kind=kind, status=Proposal.Status.RETURNED, created_by=request.user
            )
            .first()
        )
        if proposal is None:
            self.message_user(
                request,
                _("There is no returned proposal of yours to start from here, so the form shows “%(obj)s” as it is.")
                % {"obj": obj},
                messages.WARNING,
            )
            return None
        if not is_current(proposal, obj):
            self.message_user(
                request,
                _(
                    "“%(obj)s” changed after your proposal was returned, so the form shows it as it is now: make your "
                    "change again on this version. The reviewer asked: %(comment)s"
                )
                % {"obj": obj, "comment": proposal.review_comment},
                messages.WARNING,
            )
            return None
        self.message_user(
            request,
            _(
                "The form starts from your returned proposal. %(who)s asked: “%(comment)s” Change it and submit it for "
                "review again."
            )
            % {"who": proposal.reviewed_by, "comment": proposal.review_comment},
            messages.INFO,
        )
        return proposal

    def get_list_display(self, request):
        return [*super().get_list_display(request), "publication"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), "state"]

    @admin.display(description=_("publication"), ordering="state")
    def publication(self, obj):
        return obj.get_state_display()

    def get_actions(self, request):
        # Deleting in bulk would reach published objects, which are withdrawn instead.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.was_published:
            return False
        return super().has_delete_permission(request, obj)

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("<path:object_id>/withdraw/", self.admin_site.admin_view(self.withdraw_view), name=f"{name}_withdraw"),
            path(
                "<path:object_id>/publish/",
                self.admin_site.admin_view(self.request_publication_view),
                name=f"{name}_publish",
            ),
            *super().get_urls(),
        ]

    def _change_url(self, obj):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        published = obj is not None and obj.was_published
        context.update(
            publication=self._publication_context(request, obj) if obj is not None else None,
            save_label=_("Submit for review") if published else _("Save and submit for review"),
            show_save_and_add_another=False,
            show_save_and_continue=not published,
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _publication_context(self, request, obj):
        proposals = Proposal.objects.for_object(obj).select_related("created_by", "reviewed_by")
        can_change = self.has_change_permission(request, obj)
        return {
            "pending": list(proposals.pending()),
            "own_decided": list(proposals.by(request.user).exclude(status=Proposal.Status.PENDING)[:3]),
            "unit": obj.publication_unit(),
            "can_withdraw": can_change and obj.is_live,
            "can_request_publication": can_change and not obj.is_live,
        }

    def proposed_changes(self, live, edited, form):
        """Return {field: new value} for every field where the submitted form differs from the live object."""
        changes = {}
        for field in type(live).reviewed_fields():
            if field.many_to_many:
                if field.name not in form.cleaned_data:
                    continue
                value = sorted(related.pk for related in form.cleaned_data[field.name])
            else:
                value = to_json(getattr(edited, field.attname))
            if value != live.field_value(field):
                changes[field.name] = value
        return changes

    def save_model(self, request, obj, form, change):
        if change and obj.was_published:
            live = type(obj)._default_manager.get(pk=obj.pk)
            changes = self.proposed_changes(live, obj, form)
            version = form.cleaned_data.get(VERSION_FIELD) or None
            obj._proposal = propose_change(live, request.user, changes, base_version=version) if changes else None
            return
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if hasattr(form.instance, "_proposal"):
            return  # the many-to-many values went into the proposal; published inlines are read-only
        super().save_related(request, form, formsets, change)
        form.instance._publication_request = request_publication(form.instance, request.user)

    def construct_change_message(self, request, form, formsets, add=False):
        if hasattr(form.instance, "_proposal"):
            return []  # nothing was saved; log_change records the proposal
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        proposal = getattr(obj, "_proposal", False)
        if proposal is None:
            return None
        if proposal:
            message = f"Proposed a change for review (proposal {proposal.pk})."
        return super().log_change(request, obj, message)

    def response_add(self, request, obj, post_url_continue=None):
        self._say_publication_requested(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if not hasattr(obj, "_proposal"):
            self._say_publication_requested(request, obj)
            return super().response_change(request, obj)
        if obj._proposal is None:
            self.message_user(request, _("Nothing was changed, so there is nothing to review."), messages.WARNING)
        else:
            self.message_user(
                request,
                format_html(
                    _(
                        "Your change to “{}” was submitted for review. Readers see the current version until another "
                        'person approves it; you can follow it <a href="{}">here</a>.'
                    ),
                    obj,
                    reverse("admin:proposals_proposal_change", args=[obj._proposal.pk]),
                ),
                messages.SUCCESS,
            )
        return redirect(self._change_url(obj))

    def _say_publication_requested(self, request, obj):
        unit = obj.publication_unit()
        self.message_user(
            request,
            _("“%(unit)s” is not published: readers see it once another person approves its publication.")
            % {"unit": unit},
            messages.INFO,
        )

    def _changeable(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_("No such object."))
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def withdraw_view(self, request, object_id):
        obj = self._changeable(request, object_id)
        change_url = self._change_url(obj)
        error = None
        if request.method == "POST":
            try:
                proposal = propose_withdrawal(obj, request.user, request.POST.get("reason", ""))
            except ProposalError as refused:
                error = refused.message
            else:
                self.message_user(
                    request,
                    _(
                        "Withdrawing “%(obj)s” was submitted for review (proposal %(pk)s). Readers see it until "
                        "another person approves."
                    )
                    % {"obj": obj, "pk": proposal.pk},
                    messages.SUCCESS,
                )
                return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Withdraw “%(obj)s”") % {"obj": obj},
            "opts": self.opts,
            "original": obj,
            "change_url": change_url,
            "error": error,
            "reason": request.POST.get("reason", self._returned_reason(request, obj)),
        }
        return TemplateResponse(request, "admin/reviewed/withdraw.html", context)

    def _returned_reason(self, request, obj):
        if request.method != "GET" or "from_proposal" not in request.GET:
            return ""
        returned = self.returned_proposal(request, obj, Kind.WITHDRAW)
        return returned.note if returned is not None else ""

    @method_decorator(require_POST)
    def request_publication_view(self, request, object_id):
        obj = self._changeable(request, object_id)
        change_url = self._change_url(obj)
        if obj.publication_unit().is_live:
            self.message_user(request, _("“%(obj)s” is published already.") % {"obj": obj}, messages.WARNING)
            return redirect(change_url)
        request_publication(obj, request.user)
        self._say_publication_requested(request, obj)
        return redirect(change_url)
