"""The site's URLs and a bare Django view: the fastest page the same server, settings and middleware can serve."""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    """Answer "ok": what a page costs before it reads the database or renders a template."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare, name="bench-bare"),
    path("", include("config.urls")),
]
