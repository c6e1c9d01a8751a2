import pytest
from django.urls import reverse
from django.utils.html import strip_tags

pytestmark = pytest.mark.django_db


def test_the_home_page_explains_factline_and_counts_verdicts(client, loaded_fixtures):
    response = client.get(reverse("answers:home"))
    content = response.content.decode()
    assert "Machine-written answers, checked against the historical record" in content
    assert "1 question · 34 claims · 34 reviewed" in " ".join(strip_tags(content).split())
    assert ">How did the Turkish War of Independence impact the relationship between Turkey and Russia?</a>" in content
    counts = {verdict.slug: verdict.published_count for verdict in response.context["verdicts"]}
    assert list(counts) == ["accurate", "mostly-accurate", "misleading", "inaccurate", "fabricated"] + [
        "unverifiable",
        "opinion",
    ]
    assert counts["fabricated"] == 1 and sum(counts.values()) == 34
    assert len(response.context["latest"]) == 8


def test_the_home_page_explains_an_empty_site(client):
    content = client.get(reverse("answers:home")).content.decode()
    assert "No verdicts are published yet." in content
    assert "No questions have been imported yet." in content


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99", "1e9", "last"])
def test_odd_page_numbers_do_not_break_the_lists(client, loaded_fixtures, page):
    for name in ("answers:question-list", "answers:claim-list", "events:event-list"):
        assert client.get(reverse(name), {"page": page}).status_code in (200, 404)
