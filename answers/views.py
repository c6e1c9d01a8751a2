from django.db.models import Count
from django.views.generic import ListView

from answers.models import Question


class HomeView(ListView):
    template_name = "answers/home.html"
    context_object_name = "questions"
    paginate_by = 25

    def get_queryset(self):
        return Question.objects.annotate(
            answer_count=Count("answers", distinct=True), claim_count=Count("answers__claims")
        ).order_by("text", "pk")
