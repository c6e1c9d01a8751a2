from django.urls import path

from answers import annotation_service, exports, views
from answers.feeds import FEEDS, FORMATS, SCOPES

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
    path("authors/", views.AuthorListView.as_view(), name="author-list"),
    path("authors/<slug:slug>/", views.AuthorDetailView.as_view(), name="author-detail"),
    # The verdict definitions page is an explanatory page (config.pages) with the vocabulary under its text.
    path("about/verdicts/", views.VerdictListView.as_view(), name="verdict-list"),
]

# The site's feeds, and each question's, author's and verdict's, in Atom and RSS (answers/feeds.py).
urlpatterns += [
    path(f"feeds/{kind}.{format}", feed(None, format), name=f"{kind}-{format}")
    for kind, feed in FEEDS.items()
    for format in FORMATS
]
urlpatterns += [
    path(f"feeds/{scope}s/<slug:slug>/{kind}.{format}", feed(scope, format), name=f"{scope}-{kind}-{format}")
    for scope in SCOPES
    for kind, feed in FEEDS.items()
    for format in FORMATS
]
