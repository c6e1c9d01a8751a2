from django.contrib import admin
from django.urls import include, path

from answers.stylesheets import verdict_stylesheet
from config.health import health_check

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health_check, name="healthz"),
    path("verdicts.css", verdict_stylesheet, name="verdict-colours"),
    path("events/", include("events.urls")),
    path("", include("answers.urls")),
]
