import pytest
from django.urls import reverse

from answers.importer import import_documents

pytestmark = pytest.mark.django_db


def test_the_home_page_lists_the_seed_question(client, loaded_fixtures):
    response = client.get(reverse("answers:home"))
    assert response.status_code == 200
    assert "How did the Turkish War of Independence impact the relationship between Turkey and Russia?" in (
        response.content.decode()
    )
    assert "2 answers, 34 claims" in response.content.decode()


def test_the_home_page_explains_an_empty_site(client):
    response = client.get(reverse("answers:home"))
    assert "No questions have been imported yet." in response.content.decode()


def test_document_text_is_escaped(client, write_document):
    import_documents([write_document("x.txt", "<script>alert(1)</script>?\naccount_box\nA\nnow\n\nText.\n")])
    content = client.get(reverse("answers:home")).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;?" in content


def test_the_home_page_runs_a_constant_number_of_queries(client, write_document, django_assert_num_queries):
    document = "Q{n}?\naccount_box\nA\nnow\n\nOne. Two.\n"
    import_documents([write_document("1.txt", document.format(n=1))])
    with django_assert_num_queries(2) as seed_queries:
        client.get(reverse("answers:home"))
    import_documents([write_document(f"{n}.txt", document.format(n=n)) for n in range(2, 12)])
    with django_assert_num_queries(len(seed_queries.captured_queries)):
        client.get(reverse("answers:home"))


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99", "1e9", "%00"])
def test_odd_page_numbers_do_not_break_the_home_page(client, page):
    assert client.get(reverse("answers:home"), {"page": page}).status_code in (200, 404)
