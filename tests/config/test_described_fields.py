"""Screen readers announce a filter field's help text and error through aria-describedby: each id it names
must be on the page."""

from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.described_by = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if attrs.get("aria-describedby"):
            self.described_by.append((attrs.get("name"), attrs["aria-describedby"].split()))


def described(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parser = _Ids()
    parser.feed(response.content.decode())
    return parser


@pytest.mark.parametrize(
    "url",
    [
        "/claims/",
        "/claims/?verdict=no-such-verdict&reviewed_after=not-a-date",
        "/events/",
        "/events/?start=not-a-year&end=1&category=no-such-category",
        "/questions/",
    ],
)
def test_every_id_a_filter_field_is_described_by_is_on_the_page(client, loaded_fixtures, url):
    page = described(client, url)
    missing = [(name, id_) for name, ids in page.described_by for id_ in ids if id_ not in page.ids]
    assert not missing


def test_a_filter_error_and_help_text_are_named_by_their_field(client, loaded_fixtures):
    page = described(client, "/events/?start=not-a-year")
    described_by = dict(page.described_by)
    assert "id_start_error" in described_by["start"]
    assert any(id_.endswith("_helptext") for ids in described_by.values() for id_ in ids)
