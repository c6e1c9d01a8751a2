from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from answers.api import AuthorViewSet, ClaimViewSet, QuestionViewSet, VerdictViewSet
from answers.sitemaps import AuthorSitemap, ClaimSitemap, PageSitemap, QuestionSitemap
from answers.stylesheets import verdict_stylesheet
from config.api import ApiRootView
from config.health import health_check
from config.pages.sitemaps import ExplanatoryPageSitemap
from config.sitemaps import robots_txt, sitemap_index
from config.views import favicon
from events.api import EventViewSet
from events.sitemaps import EventSitemap

SITEMAPS = {
    "pages": PageSitemap,
    "questions": QuestionSitemap,
    "claims": ClaimSitemap,
    "authors": AuthorSitemap,
    "events": EventSitemap,
    "about": ExplanatoryPageSitemap,
}

API_ENDPOINTS = {
    "claims": ClaimViewSet,
    "questions": QuestionViewSet,
    "authors": AuthorViewSet,
    "events": EventViewSet,
    "verdicts": VerdictViewSet,
}
router = SimpleRouter()
for prefix, viewset in API_ENDPOINTS.items():
    router.register(prefix, viewset, basename=prefix.removesuffix("s"))

api_urlpatterns = [
    path(
        "",
        ApiRootView.as_view(
            endpoints={
                "schema": "api:schema",
                **{prefix: f"api:{prefix.removesuffix('s')}-list" for prefix in API_ENDPOINTS},
            }
        ),
        name="root",
    ),
    # JSON only: a page kept by the page cache is the same whatever the request's Accept header.
    path("schema/", SpectacularAPIView.as_view(renderer_classes=[OpenApiJsonRenderer]), name="schema"),
    *router.urls,
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health_check, name="healthz"),
    path("verdicts.css", verdict_stylesheet, name="verdict-colours"),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("sitemap.xml", sitemap_index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("api/v1/", include((api_urlpatterns, "api"))),
    path("events/", include("events.urls")),
    path("", include("answers.urls")),
    path("", include("config.pages.urls")),
]

handler403 = "config.views.permission_denied"
