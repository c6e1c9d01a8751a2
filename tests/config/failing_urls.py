"""A URLconf whose one view fails, for the 500 page's test; the site's own URLs stay reachable."""

from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def fail(request):
    raise RuntimeError("A failure made by the test.")


urlpatterns = [path("fail/", fail), *site_urlpatterns]
