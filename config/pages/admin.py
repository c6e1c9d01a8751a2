from django import forms
from django.contrib import admin
from django.db import models
from django.template.loader import render_to_string

from config.admin import PublishableAdmin
from config.pages.models import Page
from config.proposals.models import Kind


@admin.register(Page)
class PageAdmin(PublishableAdmin):
    list_display = ["title", "slug", "position"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "body", "position"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 24, "cols": 100})}}

    def get_readonly_fields(self, request, obj=None):
        # The site links to each page by its address; a published page keeps it.
        if obj is not None and obj.was_published:
            return ["slug", *super().get_readonly_fields(request, obj)]
        return super().get_readonly_fields(request, obj)

    def get_prepopulated_fields(self, request, obj=None):
        if obj is not None and obj.was_published:
            return {}
        return super().get_prepopulated_fields(request, obj)

    def proposal_preview(self, request, proposal, page):
        """Show a changed page as readers will see it once the change is approved."""
        if proposal.kind != Kind.CHANGE:
            return None
        changed = Page(**{field.attname: getattr(page, field.attname) for field in Page._meta.concrete_fields})
        for name, value in proposal.proposed_values().items():
            setattr(changed, name, value)
        return render_to_string("admin/pages/page/change_preview.html", {"page": changed}, request)
