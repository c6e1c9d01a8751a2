"""Parts of the read-only JSON API shared by every app's endpoints; imports nothing from the apps.

Each app's `api.py` declares its serializers and viewsets over what its public pages show; config/urls.py
routes them under /api/v1/. Settings (REST_FRAMEWORK) make every endpoint JSON only and the same for
everyone: no authentication, no parsers, no writes.
"""

from django.urls import reverse
from rest_framework import pagination, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from config.views import absolute_url

# The largest integer both databases store in a primary key: a cursor past it could only fail in the query.
LARGEST_KEY = 2**63 - 1


class CursorPagination(pagination.CursorPagination):
    """DRF's cursor pages, in the order the view's `ordering` names (unique, indexed columns), linked on the
    site's canonical origin; a cursor no page wrote is a page that does not exist (404)."""

    page_size = 50
    invalid_cursor_message = "This page of the list does not exist: start again from the first page."

    def paginate_queryset(self, queryset, request, view=None):
        self.model = queryset.model
        page = super().paginate_queryset(queryset, request, view)
        # The links of the next and previous pages name the canonical origin, never the request's Host.
        self.base_url = absolute_url(request.get_full_path())
        return page

    def get_ordering(self, request, queryset, view):
        return tuple(view.ordering)

    def decode_cursor(self, request):
        cursor = super().decode_cursor(request)
        if cursor is not None and cursor.position is not None and not self._valid_position(cursor.position):
            raise NotFound(self.invalid_cursor_message)
        return cursor

    def _valid_position(self, position):
        """Tell whether `position` is a value of the first ordering field that the database can compare."""
        name = self.ordering[0].lstrip("-")
        field = self.model._meta.pk if name == "pk" else self.model._meta.get_field(name)
        field = getattr(field, "target_field", None) or field
        if "\x00" in position:
            return False
        try:
            value = field.to_python(position)
        except Exception:  # noqa: BLE001 (any value the field refuses is a cursor no page wrote)
            return False
        return not isinstance(value, int) or -LARGEST_KEY <= value <= LARGEST_KEY


class PublicViewSet(viewsets.ReadOnlyModelViewSet):
    """A list and a detail of public objects: GET only, the same for readers and staff.

    `get_queryset` decides what is public, once; the filterset narrows it; `ordering` (unique, indexed
    columns) is the order of the cursor pages.
    """

    ordering = ("pk",)
    pagination_class = CursorPagination

    def filter_queryset(self, queryset):
        # An object is found by its key alone: the list's filters do not hide it.
        return queryset if self.action == "retrieve" else super().filter_queryset(queryset)


class SlugViewSet(PublicViewSet):
    """A PublicViewSet of objects found by slug, and listed in slug order."""

    lookup_field = "slug"
    ordering = ("slug",)


class ApiRootView(APIView):
    """List the API's endpoints and its OpenAPI description."""

    endpoints = {}  # {name: URL name}, set by the URLconf
    schema = None

    def get(self, request):
        return Response({name: absolute_url(reverse(url_name)) for name, url_name in self.endpoints.items()})
