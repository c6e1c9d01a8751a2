from django.urls import path

from answers import views

app_name = "answers"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
]
