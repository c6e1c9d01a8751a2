from django.test import override_settings

from answers.models import Claim
from tests.answers.test_public_pages import FABRICATED, claim_review


@override_settings(FACTLINE_SITE_URL="https://factline.example.org", ALLOWED_HOSTS=["factline.example.org"])
def test_claimreview_urls_use_the_configured_origin_whatever_host_the_request_names(client, loaded_fixtures):
    claim = Claim.objects.get(exact=FABRICATED)
    client.defaults["HTTP_HOST"] = "factline.example.org:6666"
    data = claim_review(client, claim)
    assert data["url"] == "https://factline.example.org" + claim.get_absolute_url()
    assert data["author"]["url"] == "https://factline.example.org/"
    question = claim.answer.question.get_absolute_url()
    assert data["itemReviewed"]["appearance"]["url"] == f"https://factline.example.org{question}#answer-1"
