"""Pages that cost the same wherever they are: keyset pagination, and counts that stop counting.

An offset page (`?page=9000`) makes the database walk past every earlier row. A keyset page starts
where the previous one ended (`?after=<cursor>`): the cursor holds the ordering values of that page's last
row, and an index on the same ordering finds the next rows directly. Readers move to the first, previous,
next and last pages; the last page is the first page of the reversed ordering.
"""

import base64
import json

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

COUNT_LIMIT = 1000


class InvalidCursor(Exception):
    """A cursor that no page of this list wrote."""


def bounded_count(queryset, limit=COUNT_LIMIT):
    """Return the number of rows of `queryset`, counting no further than `limit` + 1."""
    return queryset.order_by()[: limit + 1].count()


class KeysetPage:
    def __init__(self, object_list, ordering, has_previous, has_next):
        self.object_list, self.ordering = object_list, ordering
        self.has_previous, self.has_next = has_previous, has_next

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_other_pages(self):
        return self.has_previous or self.has_next

    @property
    def previous_cursor(self):
        return encode(self.ordering.values(self.object_list[0])) if self.object_list else ""

    @property
    def next_cursor(self):
        return encode(self.ordering.values(self.object_list[-1])) if self.object_list else ""


class Ordering:
    """An ordering of a keyset list: field names, each "-" for descending; the last one unique."""

    def __init__(self, model, *names, extra_types=None):
        self.names = names
        self.fields = [(name.lstrip("-"), name.startswith("-")) for name in names]
        self.types = [(extra_types or {}).get(name) or model._meta.get_field(name).to_python for name, _ in self.fields]

    def reversed(self):
        return [name[1:] if name.startswith("-") else f"-{name}" for name in self.names]

    def values(self, row):
        return [_plain(getattr(row, name)) for name, _ in self.fields]

    def read(self, cursor):
        """Return the ordering values a cursor holds, or raise InvalidCursor."""
        try:
            values = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii") + b"=" * (-len(cursor) % 4)))
            if not isinstance(values, list) or len(values) != len(self.fields) or None in values:
                raise InvalidCursor(cursor)
            return [to_python(value) for to_python, value in zip(self.types, values, strict=True)]
        except (ValueError, TypeError, UnicodeError, ValidationError) as error:
            raise InvalidCursor(cursor) from error

    def beyond(self, values, forward=True):
        """Return a Q for the rows after `values` in this ordering (before them, if not `forward`)."""
        condition = Q(pk__in=[])
        equal = Q()
        for (name, descending), value in zip(self.fields, values, strict=True):
            lookup = "gt" if descending != forward else "lt"
            condition |= equal & Q(**{f"{name}__{lookup}": value})
            equal &= Q(**{name: value})
        first, descending = self.fields[0]
        # The redundant bound on the first field lets the database start its index scan at the cursor.
        return Q(**{f"{first}__{'lte' if descending == forward else 'gte'}": values[0]}) & condition


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def encode(values):
    return base64.urlsafe_b64encode(json.dumps(values, separators=(",", ":")).encode()).decode().rstrip("=")


def keyset_page(queryset, ordering, params, per_page):
    """Return the KeysetPage of `queryset` that `params` (the query string) asks for.

    `after=<cursor>` is the page after a row, `before=<cursor>` the page before one, `page=last` the last
    page; otherwise the first. A cursor no page wrote is a page that does not exist (404).
    """
    try:
        if params.get("page") == "last":
            rows = list(queryset.order_by(*ordering.reversed())[: per_page + 1])
            return KeysetPage(list(reversed(rows[:per_page])), ordering, len(rows) > per_page, False)
        if cursor := params.get("before"):
            values = ordering.read(cursor)
            before = queryset.filter(ordering.beyond(values, forward=False)).order_by(*ordering.reversed())
            rows = list(before[: per_page + 1])
            return KeysetPage(list(reversed(rows[:per_page])), ordering, len(rows) > per_page, True)
        after = params.get("after")
        if after:
            queryset = queryset.filter(ordering.beyond(ordering.read(after)))
        rows = list(queryset.order_by(*ordering.names)[: per_page + 1])
        return KeysetPage(rows[:per_page], ordering, bool(after), len(rows) > per_page)
    except InvalidCursor:
        raise Http404(_("This page of the list does not exist: start again from the first page.")) from None


class BoundedCount:
    """What a list says of its length: `count`, or more than it when `more`."""

    def __init__(self, count, limit=COUNT_LIMIT):
        # A count kept exactly (a tally) is passed with limit=None.
        self.more = limit is not None and count > limit
        self.count = count if limit is None else min(count, limit)


class KeysetPaginationMixin:
    """Page a ListView (or django-filter's FilterView) by keyset, in the order get_ordering_names() says."""

    # Annotations a list may be ordered by, with the type of their values.
    annotation_types = {"search_rank": float}
    count_limit = COUNT_LIMIT

    def get_ordering_names(self, count):
        """Return the field names the list is ordered by, knowing its BoundedCount."""
        raise NotImplementedError

    def get_count(self, queryset):
        """Return the BoundedCount of the whole list."""
        return BoundedCount(bounded_count(queryset, self.count_limit), self.count_limit)

    def paginate_queryset(self, queryset, page_size):
        count = self.get_count(queryset)
        ordering = Ordering(queryset.model, *self.get_ordering_names(count), extra_types=self.annotation_types)
        page = keyset_page(queryset, ordering, self.request.GET, page_size)
        return count, page, page.object_list, page.has_other_pages()
