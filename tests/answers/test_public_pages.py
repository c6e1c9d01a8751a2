"""The public pages: what readers see, and what they must never see."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from answers import review
from answers.models import Annotation, AnnotationSource, Author, Claim, Question, Verdict, refresh_listings
from config.pages.models import Page
from events.models import Event
from tests.conftest import SEED_DOCUMENT, draft_revision, import_published, published_revision

pytestmark = pytest.mark.django_db

FABRICATED = "This led to several conflicts, including the Turkish-Soviet War of 1941-1945."


def seed_question():
    return Question.objects.get(document=SEED_DOCUMENT.name)


def public_urls():
    """Every public page: the lists, and each question, claim, event and author page."""
    urls = [reverse("answers:home"), reverse("answers:question-list"), reverse("answers:claim-list")]
    urls.append(reverse("events:event-list"))
    urls += [question.get_absolute_url() for question in Question.objects.all()]
    urls += [claim.get_absolute_url() for claim in Claim.objects.filter(orphaned=False)]
    urls += [event.get_absolute_url() for event in Event.objects.all()]
    urls += [author.get_absolute_url() for author in Author.objects.all()]
    urls += [reverse("answers:author-list"), *(page.get_absolute_url() for page in Page.objects.live())]
    return urls


def test_every_public_page_renders(client, loaded_fixtures):
    for url in public_urls():
        assert client.get(url).status_code == 200, url


def test_nothing_unreviewed_is_visible_on_any_page(client, loaded_fixtures, editor, other_editor, reviewer):
    fabricated = Claim.objects.get(exact=FABRICATED)
    unreviewed = Claim.objects.filter(orphaned=False).exclude(pk=fabricated.pk).first()
    markers = {}
    for status, claim, author in [
        ("draft", fabricated, editor),
        ("submitted", fabricated, other_editor),
        ("rejected", unreviewed, editor),
    ]:
        marker = f"LEAK-{status.upper()}"
        revision = draft_revision(
            claim,
            author,
            "accurate",
            f"{marker} rationale",
            evidence=["montreux-convention"],
            sources=[(f"{marker} source", f"https://example.org/{marker.lower()}")],
        )
        if status != "draft":
            review.submit(revision, author)
        if status == "rejected":
            review.reject(revision, reviewer, f"{marker} comment")
        markers[status] = marker

    for url in [*public_urls(), reverse("answers:claim-list") + "?status=under-review&ordering=-reviewed"]:
        content = client.get(url).content.decode()
        for marker in markers.values():
            assert marker not in content, f"{marker} leaked on {url}"
    claim_page = client.get(fabricated.get_absolute_url()).content.decode()
    assert "An update to this verdict is under review." in claim_page
    assert ">Fabricated<" in claim_page
    by_verdict = client.get(reverse("answers:claim-list"), {"verdict": "accurate"}).context["page_obj"]
    assert fabricated.pk not in [listing.claim_id for listing in by_verdict.object_list]
    montreux = client.get(reverse("events:event-detail", args=["montreux-convention"])).content.decode()
    assert 'class="claim-card-text"' in montreux
    assert f'href="{fabricated.get_absolute_url()}"' not in montreux


def grow_tenfold(write_document, editor, reviewer):
    """Import nine more copies of the seed document, and one with ten times its answers; publish them all.

    The new revisions are written in bulk (the pages are measured here, not the workflow), copying the
    seed's verdict, rationale, evidence and sources for the claim at the same place.
    """
    text = SEED_DOCUMENT.read_text(encoding="utf-8")
    documents = [
        write_document(f"copy-{copy}.txt", text.replace("Russia?", f"Russia (copy {copy})?", 1))
        for copy in range(2, 11)
    ]
    question, answers = text.split("\n", 1)
    documents.append(write_document("long.txt", "Ten times as many answers?\n" + answers * 10))
    import_published(documents)
    seed = {
        (claim.answer.position, claim.number): claim.published_revision
        for claim in Claim.objects.filter(answer__question=seed_question())
        .select_related("answer")
        .with_published_revision()
    }
    new_claims = list(Claim.objects.exclude(answer__question=seed_question()).select_related("answer"))
    models = [seed[((claim.answer.position - 1) % 2 + 1, claim.number)] for claim in new_claims]
    now = timezone.now()
    # Drafts, as the database accepts nothing else; they go through the workflow's steps below.
    revisions = Annotation.objects.bulk_create(
        Annotation(
            claim=claim,
            revision=1,
            verdict=model.verdict,
            rationale=model.rationale,
            claim_text=claim.exact,
            created_by=editor,
            submitted_at=now,
        )
        for claim, model in zip(new_claims, models, strict=True)
    )
    Evidence = Annotation.evidence.through
    Evidence.objects.bulk_create(
        Evidence(annotation=revision, event=event)
        for revision, model in zip(revisions, models, strict=True)
        for event in model.evidence.all()
    )
    AnnotationSource.objects.bulk_create(
        AnnotationSource(annotation=revision, title=source.title, url=source.url)
        for revision, model in zip(revisions, models, strict=True)
        for source in model.sources.all()
    )
    new_revisions = Annotation.objects.filter(pk__in=[revision.pk for revision in revisions])
    new_revisions.update(status="submitted")
    for verdict in {model.verdict for model in models}:
        new_revisions.filter(verdict=verdict).update(
            status="published", reviewed_by=reviewer, reviewed_at=now, verdict_label=verdict.label
        )
    refresh_listings(new_claims)  # the bulk writes above bypass the saves that keep listings
    # The fabricated claim gets nine corrections, through the workflow: a history ten times as long.
    fabricated = Claim.objects.get(answer__question=seed_question(), exact=FABRICATED)
    for number in range(9):
        published_revision(
            fabricated, editor, reviewer, "fabricated", f"Correction {number}.", evidence=["world-war-ii"]
        )


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def next_page(client, url):
    return url + "?after=" + client.get(url).context["page_obj"].next_cursor


def previous_page(client, url):
    return url.split("?")[0] + "?before=" + client.get(url).context["page_obj"].previous_cursor


def test_public_pages_run_as_many_queries_with_ten_times_the_data(
    client, loaded_fixtures, write_document, editor, reviewer
):
    fabricated = Claim.objects.get(exact=FABRICATED)
    pages = {
        "home": reverse("answers:home"),
        "questions": reverse("answers:question-list"),
        "question": seed_question().get_absolute_url(),
        "claims": reverse("answers:claim-list"),
        "claims filtered": reverse("answers:claim-list") + "?verdict=mostly-accurate&ordering=-reviewed&q=the",
        "claim": fabricated.get_absolute_url(),
        "events": reverse("events:event-list"),
        "events filtered": reverse("events:event-list") + "?start=1920&end=1950&participant=soviet-union",
        "event": reverse("events:event-detail", args=["world-war-ii"]),
        "author": reverse("answers:author-detail", args=["mira-talkstone"]),
        "author, last page": reverse("answers:author-detail", args=["mira-talkstone"]) + "?page=last",
        "claims, last page": reverse("answers:claim-list") + "?page=last",
        "claims, second page": next_page(client, reverse("answers:claim-list")),
        "claims, page before the last": previous_page(client, reverse("answers:claim-list") + "?page=last"),
        "claims by author, oldest verdicts first": reverse("answers:claim-list")
        + "?author=Mira+Talkstone&ordering=reviewed&page=last",
        "claims citing an event": reverse("answers:claim-list") + "?event=treaty-of-moscow&status=reviewed",
        "claims searched": reverse("answers:claim-list") + "?q=Ataturk",
        "questions searched": reverse("answers:question-list") + "?q=turkey+russia&author=mira-talkstone",
        "events searched": reverse("events:event-list") + "?q=ataturk",
    }
    before = {name: queries(client, url) for name, url in pages.items()}
    # A list shows at most a page of items: one item must cost as much as a page, or the page has N+1 queries.
    one = queries(client, reverse("answers:claim-list") + "?verdict=fabricated")
    assert one == queries(client, reverse("answers:claim-list") + "?verdict=mostly-accurate")
    grow_tenfold(write_document, editor, reviewer)
    assert Claim.objects.count() == 680
    assert fabricated.annotations.public().count() == 10
    long_question = Question.objects.get(document="long.txt").get_absolute_url()
    pages["question"], pages["question, second page"] = long_question, long_question + "?page=2"
    before["question, second page"] = before["question"]
    pages["claims, second page"] = next_page(client, reverse("answers:claim-list"))
    pages["claims, page before the last"] = previous_page(client, reverse("answers:claim-list") + "?page=last")
    after = {name: queries(client, url) for name, url in pages.items()}
    assert after == before


def test_the_question_page_marks_every_claim_with_its_verdict(client, loaded_fixtures):
    content = client.get(seed_question().get_absolute_url()).content.decode()
    assert content.count('<a class="claim') == 34
    fabricated = Claim.objects.get(exact=FABRICATED)
    verdict = Verdict.objects.get(slug="fabricated")
    link = f'<a class="claim verdict-colour-{verdict.pk}" href="{fabricated.get_absolute_url()}">'
    assert link + FABRICATED + '<span class="claim-tag">Fabricated' in content
    sheet = re.search(r'<link rel="stylesheet" href="(/verdicts\.css\?v=\w+)">', content).group(1)
    assert f".verdict-colour-{verdict.pk}{{--verdict:#7b1f4b}}" in client.get(sheet).content.decode()
    assert "Posted a year ago (about November 2025)" in content


def test_a_claim_without_a_published_verdict_reads_as_not_yet_reviewed(client, write_document, claim):
    content = client.get(claim.answer.question.get_absolute_url()).content.decode()
    assert '<span class="claim-tag">not yet reviewed</span>' in content
    assert "This claim has not been reviewed yet" in client.get(claim.get_absolute_url()).content.decode()


def test_the_claim_page_shows_evidence_dates_by_precision_and_a_corrections_log(
    client, loaded_fixtures, editor, reviewer
):
    claim = Claim.objects.get(exact__startswith="These treaties included the Treaty of Moscow")
    published_revision(
        claim, editor, reviewer, "inaccurate", "Corrected.", evidence=["treaty-of-moscow-1921", "cold-war"]
    )
    content = client.get(claim.get_absolute_url()).content.decode()
    assert "16 March 1921" in content and "1947–1991" in content
    assert "Revision 2" in content and "Revision 1" in content
    assert "Changed: verdict, rationale, evidence." in content  # the sources were carried over
    assert "superseded" in content


DOCUMENT_WITH_MARKUP = """<script>alert('question')</script> and <img src=x onerror=alert('img')>?

account_box
<script>alert('author')</script>
a year ago

First claim <script>alert('answer')</script>. Second <img src=x onerror=alert('answer-img')>.
Visit javascript:alert('link').
"""


def test_document_text_is_always_escaped(client, write_document):
    import_published([write_document("markup.txt", DOCUMENT_WITH_MARKUP)])
    question = Question.objects.get(document="markup.txt")
    urls = [question.get_absolute_url(), reverse("answers:claim-list"), reverse("answers:question-list")]
    urls += [claim.get_absolute_url() for claim in Claim.objects.all()]
    urls += [author.get_absolute_url() for author in Author.objects.all()]
    for url in urls:
        content = client.get(url).content.decode()
        assert "<script>alert" not in content and "<img src=x" not in content, url
        assert 'href="javascript:' not in content, url
    content = client.get(question.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(&#x27;answer&#x27;)&lt;/script&gt;" in content


class TestFilters:
    def result(self, client, name, **params):
        response = client.get(reverse(name), params)
        assert response.status_code == 200
        return response

    def claims(self, client, **params):
        """Return the listings of every page of the claim list, following its "next" links."""
        listings, response = [], self.result(client, "answers:claim-list", **params)
        while True:
            page = response.context["page_obj"]
            listings += page.object_list
            if not page.has_next:
                return listings
            response = self.result(client, "answers:claim-list", **params, after=page.next_cursor)

    def test_claims_filter_by_verdict_author_question_and_event(self, client, loaded_fixtures):
        assert [listing.claim.exact for listing in self.claims(client, verdict="fabricated")] == [FABRICATED]
        assert len(self.claims(client, author="mira-talkstone")) == 23
        assert len(self.claims(client, author="Mira Talkstone")) == 23
        assert len(self.claims(client, question=seed_question().slug)) == 34
        cited = self.claims(client, event="treaty-of-kars")
        assert cited and all(
            Event.objects.get(slug="treaty-of-kars") in listing.published_revision.evidence.all() for listing in cited
        )

    def test_claims_filter_by_text_and_review_dates_and_status(self, client, loaded_fixtures):
        assert {listing.claim.exact for listing in self.claims(client, q="KARS")} >= {
            claim.exact for claim in Claim.objects.filter(exact__icontains="kars")
        }
        assert len(self.claims(client, reviewed_after="2026-11-01", reviewed_before="2026-11-30")) == 34
        assert self.claims(client, reviewed_after="2026-12-01") == []
        assert len(self.claims(client, status="reviewed")) == 34
        assert self.claims(client, status="not-reviewed") == []

    def test_claims_order_by_review_date(self, client, loaded_fixtures):
        claims = self.claims(client, ordering="-reviewed")
        assert [claim.reviewed_at for claim in claims] == sorted((c.reviewed_at for c in claims), reverse=True)

    @pytest.mark.parametrize(
        "params, field",
        [
            ({"verdict": "true-ish"}, "verdict"),
            ({"author": "nobody"}, "author"),
            ({"reviewed_after": "yesterday"}, "reviewed_after"),
            ({"status": "maybe"}, "status"),
            ({"ordering": "password"}, "ordering"),
            ({"reviewed_after": "2026-12-01", "reviewed_before": "2026-01-01"}, "reviewed_before"),
        ],
    )
    def test_invalid_claim_filters_are_form_errors(self, client, loaded_fixtures, params, field):
        response = self.result(client, "answers:claim-list", **params)
        assert field in response.context["filter"].form.errors
        assert "Fix the highlighted filter to see results." in response.content.decode()

    def test_filters_are_kept_across_pages(self, client, loaded_fixtures):
        response = self.result(client, "answers:claim-list", author="mira-talkstone", ordering="text")
        assert response.context["paginator"].count == 23
        response = self.result(client, "answers:claim-list", status="reviewed")
        page = response.context["page_obj"]
        assert page.has_next
        assert f"?status=reviewed&amp;after={page.next_cursor}" in response.content.decode()

    @pytest.mark.parametrize(
        "params, expected",
        [
            (
                {"start": "1921", "end": "1921"},
                {"treaty-of-moscow-1921", "treaty-of-kars", "turkish-war-of-independence"},
            ),
            ({"start": "1921-03-16", "end": "1921-03-16"}, {"treaty-of-moscow-1921", "turkish-war-of-independence"}),
            ({"category": "treaty", "q": "kars"}, {"treaty-of-kars"}),
            ({"participant": "armenian-ssr"}, {"treaty-of-kars"}),
        ],
    )
    def test_events_filter_by_overlapping_range_category_participant_and_text(
        self, client, loaded_fixtures, params, expected
    ):
        response = self.result(client, "events:event-list", **params)
        slugs = {event.slug for event in response.context["paginator"].object_list}
        assert expected <= slugs
        if "start" in params:
            for event in response.context["paginator"].object_list:
                assert event.first_day.isoformat() <= params["end"] + "-12-31"[len(params["end"]) - 4 :]

    def test_events_order_newest_first_and_by_name(self, client, loaded_fixtures):
        newest = list(self.result(client, "events:event-list", ordering="-date").context["paginator"].object_list)
        assert [event.start_date for event in newest] == sorted((e.start_date for e in newest), reverse=True)
        content = self.result(client, "events:event-list", ordering="name").content.decode()
        assert content.index("Armistice of Mudanya") < content.index("World War II")

    def test_a_year_matches_an_event_dated_only_by_that_year(self, client, loaded_fixtures):
        response = self.result(client, "events:event-list", start="1945-06-01", end="1945-06-30")
        slugs = {event.slug for event in response.context["paginator"].object_list}
        assert {"turkish-straits-crisis", "world-war-ii"} <= slugs
        assert "turkey-joins-nato" not in slugs

    @pytest.mark.parametrize("params", [{"start": "abc"}, {"end": "1921-13-45"}, {"start": "1930", "end": "1920"}])
    def test_invalid_event_filters_are_form_errors(self, client, loaded_fixtures, params):
        response = self.result(client, "events:event-list", **params)
        assert response.context["filter"].form.errors
        assert response.context["paginator"].count == 0


query_keys = st.sampled_from(
    ["q", "verdict", "author", "question", "event", "status", "ordering", "reviewed_after", "reviewed_before"]
    + ["start", "end", "category", "participant", "page", "o"]
) | st.text(max_size=10)
query_values = st.text(max_size=30) | st.sampled_from(["1921", "-1", "0", "9999-99-99", "-reviewed", "fabricated", ""])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    page=st.sampled_from(["answers:question-list", "answers:claim-list", "events:event-list", "answers:home"]),
    params=st.lists(st.tuples(query_keys, query_values), max_size=6),
)
def test_no_query_string_breaks_a_list_page(client, loaded_fixtures, page, params):
    response = client.get(reverse(page), params)
    assert response.status_code in (200, 400, 404)


@pytest.mark.parametrize("name", ["answers:question-list", "answers:claim-list", "events:event-list"])
def test_every_filter_has_a_readable_label(client, name):
    labels = re.findall(r"<label[^>]*>([^<]*)</label>", client.get(reverse(name)).content.decode())
    assert labels and all(label and "[invalid name]" not in label for label in labels)


DOCUMENT_WITH_LISTS = """What did the Grand National Assembly decide?

account_box
Algo Rhythmia
a year ago

It made three decisions:
- Ankara became the capital.
- The sultanate was abolished in 1922.

In order:
1. The republic was proclaimed.
2. The caliphate was abolished.
"""


def test_bullet_and_numbered_lines_of_an_answer_are_lists_whose_claims_stay_links(client, write_document):
    import_published([write_document("lists.txt", DOCUMENT_WITH_LISTS)])
    question = Question.objects.get(document="lists.txt")
    content = client.get(question.get_absolute_url()).content.decode()
    capital = Claim.objects.get(exact="Ankara became the capital.")
    republic = Claim.objects.get(exact="The republic was proclaimed.")
    item = '<{tag} class="answer-list"><li><a class="claim[^"]*" href="{url}">'
    assert re.search(item.format(tag="ul", url=capital.get_absolute_url()), content)
    assert re.search(item.format(tag="ol", url=republic.get_absolute_url()), content)
    assert "- Ankara" not in content and "1. The republic" not in content
