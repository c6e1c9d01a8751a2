"""Full-text search: accent- and case-insensitive words on both databases, and hostile queries refused safely."""

import pytest
from django.urls import reverse

from answers.models import Question
from config.search import fts5_query

FABRICATED = "This led to several conflicts, including the Turkish-Soviet War of 1941-1945."


@pytest.mark.parametrize(
    "text, query",
    [
        ("turkey russia", '("turkey") AND ("russia")'),
        ('"treaty of kars" 1921', '("treaty of kars") AND ("1921")'),
        ("moscow or kars -lausanne", '("moscow" OR "kars") NOT "lausanne"'),
        ("Turkey–Russia", '("Turkey Russia")'),
        ('NEAR(a b) * ^x col:y "unclosed', '("NEAR a") AND ("b") AND ("x") AND ("col y") AND ("unclosed")'),
        ("", None),
        ("-only -excluded", None),
        ("or", None),
        ("* : ( )", None),
    ],
)
def test_websearch_syntax_becomes_an_fts5_query_that_quotes_every_term(text, query):
    assert fts5_query(text) == query


def test_a_long_query_is_cut_to_a_bounded_number_of_terms():
    assert fts5_query(" ".join(f"w{number}" for number in range(1000))).count("AND") == 15


pytestmark = pytest.mark.django_db


def listings_found(client, q):
    response = client.get(reverse("answers:claim-list"), {"q": q})
    assert response.status_code == 200
    return response.context["page_obj"].object_list


def claims_found(client, q):
    return {listing.claim.exact for listing in listings_found(client, q)}


@pytest.mark.parametrize("q", ["Ataturk", "ATATURK", "atatürk", "AtAtÜrK"])
def test_a_search_finds_atatürk_whatever_its_accents_and_case(client, loaded_fixtures, q):
    found = claims_found(client, q)
    assert found and all("Atatürk" in text for text in found)
    assert "Mustafa Kemal Atatürk" in " ".join(found)


def test_a_search_reads_rationales_too_and_finds_word_forms(client, loaded_fixtures):
    # "neutral" is in the fabricated claim's published rationale, not in its words.
    assert FABRICATED in claims_found(client, "neutral")
    assert claims_found(client, "treaties") >= claims_found(client, "treaty") != set()


def test_a_search_takes_phrases_exclusions_and_alternatives(client, loaded_fixtures):
    kars = claims_found(client, '"treaty of kars"')
    assert kars and all(
        "treaty of kars" in found.search_text.lower() for found in listings_found(client, '"treaty of kars"')
    )
    assert not claims_found(client, '"treaty of kars" -kars')
    assert claims_found(client, "kars or lausanne") >= kars | claims_found(client, "lausanne")


def test_turkey_russia_finds_the_seed_question(client, loaded_fixtures):
    response = client.get(reverse("answers:question-list"), {"q": "turkey russia"})
    assert [question.pk for question in response.context["page_obj"].object_list] == [Question.objects.get().pk]
    assert not client.get(reverse("answers:question-list"), {"q": "napoleon"}).context["page_obj"].object_list


def test_the_timeline_search_folds_accents(client, loaded_fixtures):
    response = client.get(reverse("events:event-list"), {"q": "ataturk"})
    names = [event.name for event in response.context["page_obj"].object_list]
    assert names and all(
        "Atatürk" in " ".join([event.name, event.aliases, event.summary])
        for event in response.context["page_obj"].object_list
    )


@pytest.mark.parametrize("q", ['"', "'", "-", "(", "AND", "NOT kars", "kars:*", "\\", "%", "_", "a" * 200, "😀"])
def test_no_search_text_breaks_a_list(client, loaded_fixtures, q):
    for name in ("answers:claim-list", "answers:question-list", "events:event-list"):
        assert client.get(reverse(name), {"q": q}).status_code == 200


def test_a_renamed_question_is_found_under_its_new_words(client, loaded_fixtures, editor, reviewer):
    from config.proposals import workflow

    question = Question.objects.get()
    workflow.approve(workflow.propose_change(question, editor, {"text": "Kurtuluş Savaşı and the Soviets?"}), reviewer)
    found = client.get(reverse("answers:question-list"), {"q": "kurtulus soviet"}).context["page_obj"].object_list
    assert [found_question.pk for found_question in found] == [question.pk]
    assert not client.get(reverse("answers:question-list"), {"q": "turkey russia"}).context["page_obj"].object_list
