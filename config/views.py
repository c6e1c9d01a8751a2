"""View helpers shared by every app's public pages; imports nothing from the apps."""

from django.conf import settings
from django.contrib import admin
from django.http import Http404, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import defaults


def absolute_url(path):
    """Return `path` on the site's canonical origin (FACTLINE_SITE_URL), whatever Host a request named."""
    return settings.FACTLINE_SITE_URL + path


class OldSlugRedirectMixin:
    """A DetailView found by slug that sends a slug the object had before to its current URL (301).

    The object's history holds every slug it had, so nothing else needs to remember them; only objects
    the view would show are redirected to.
    """

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            slug = kwargs.get(self.slug_url_kwarg)
            ids = self.model.history.filter(slug=slug).values("id")
            current = self.get_queryset().filter(pk__in=ids).exclude(slug=slug).first()
            if current is None:
                raise
            return HttpResponsePermanentRedirect(current.get_absolute_url())


def favicon(request):
    """Send browsers that ask for /favicon.ico to the icon among the static files.

    A temporary redirect: the static file's name changes with its content, and a permanent one would be
    remembered.
    """
    return HttpResponseRedirect(static("favicon.ico"))


def permission_denied(request, exception):
    """Show the 403 page: in the admin's look for staff in the admin, saying what they can do instead
    (an AdminRefusal says it for its view); the public page everywhere else."""
    match = request.resolver_match
    if match is None or match.namespace != admin.site.name or not request.user.is_staff:
        return defaults.permission_denied(request, exception)
    context = {
        **admin.site.each_context(request),
        "title": _("This page is not open to you"),
        "reason": getattr(exception, "reason", ""),
        "alternatives": getattr(exception, "alternatives", []),
        "index_url": reverse("admin:index"),
    }
    return render(request, "admin/403.html", context, status=403)
