from django.shortcuts import redirect
from django.views.generic import DetailView

from config.pages.models import Page


class PageDetailView(DetailView):
    """An explanatory page as readers see it: the approved text; a withdrawn page says so at its address."""

    template_name = "pages/page_detail.html"
    context_object_name = "page"

    def get_queryset(self):
        return Page.objects.on_record()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if request.path != self.object.get_absolute_url():
            return redirect(self.object, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))
