from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Factline editorial"
admin.site.site_title = "Factline admin"
admin.site.index_title = "Content and review"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("answers.urls")),
]
