from django.urls import path

from answers import annotation_service, exports, views

app_name = "answers"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("questions/", views.QuestionListView.as_view(), name="question-list"),
    path("questions/<slug:slug>/", views.QuestionDetailView.as_view(), name="question-detail"),
    path(
        "questions/<slug:slug>/annotations/",
        annotation_service.QuestionContainerView.as_view(),
        name="question-annotations",
    ),
    path("claims/", views.ClaimListView.as_view(), name="claim-list"),
    path("claims/export.csv", exports.ClaimExportView.as_view(format="csv"), name="claim-export-csv"),
    path("claims/export.jsonl", exports.ClaimExportView.as_view(format="jsonl"), name="claim-export-jsonl"),
    path("claims/<int:pk>/", views.ClaimDetailView.as_view(), name="claim-detail"),
    path("annotations/", annotation_service.ContainerView.as_view(), name="annotation-container"),
    path("annotations/<int:pk>", annotation_service.AnnotationView.as_view(), name="annotation-detail"),
    path("authors/<slug:slug>/", views.AuthorDetailView.as_view(), name="author-detail"),
]
