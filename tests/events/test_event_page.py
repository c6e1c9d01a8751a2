"""The public page of a timeline event."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def also_called(client, slug):
    content = client.get(reverse("events:event-detail", args=[slug])).content.decode()
    found = re.search(r"Also called: ([^<]*)</p>", content)
    return found.group(1).split("; ") if found else None


def test_also_called_does_not_repeat_the_event_s_own_name(client, loaded_fixtures):
    names = also_called(client, "world-war-i")
    assert "World War I" not in names and "First World War" in names


def test_also_called_disappears_when_every_alias_is_the_event_s_own_name(client, loaded_fixtures):
    assert also_called(client, "truman-doctrine") is None
