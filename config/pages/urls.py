from django.urls import path

from config.pages import views
from config.pages.models import ABOUT

app_name = "pages"

urlpatterns = [
    path("about/", views.PageDetailView.as_view(), {"slug": ABOUT}, name="about"),
    path("about/<slug:slug>/", views.PageDetailView.as_view(), name="page-detail"),
]
