from django.contrib import admin
from django.urls import include, path

from answers.stylesheets import verdict_stylesheet

urlpatterns = [
    path("admin/", admin.site.urls),
    path("verdicts.css", verdict_stylesheet, name="verdict-colours"),
    path("events/", include("events.urls")),
    path("", include("answers.urls")),
]
