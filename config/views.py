"""View helpers shared by every app's public pages; imports nothing from the apps."""

from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect


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
