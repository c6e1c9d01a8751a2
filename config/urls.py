from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from answers.sitemaps import AuthorSitemap, ClaimSitemap, PageSitemap, QuestionSitemap
from answers.stylesheets import verdict_stylesheet
from config.health import health_check
from config.sitemaps import robots_txt, sitemap_index
from events.sitemaps import EventSitemap

SITEMAPS = {
    "pages": PageSitemap,
    "questions": QuestionSitemap,
    "claims": ClaimSitemap,
    "authors": AuthorSitemap,
    "events": EventSitemap,
}

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health_check, name="healthz"),
    path("verdicts.css", verdict_stylesheet, name="verdict-colours"),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("sitemap.xml", sitemap_index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("events/", include("events.urls")),
    path("", include("answers.urls")),
]
