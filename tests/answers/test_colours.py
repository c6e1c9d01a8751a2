import json

import pytest
from django.core.exceptions import ValidationError

from answers.colours import BADGE_TEXT, MINIMUM_CONTRAST, contrast_ratio
from answers.models import Verdict
from tests.conftest import ROOT


def test_black_on_white_has_the_greatest_contrast_and_a_colour_on_itself_none():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#5f6b7a", "#5f6b7a") == pytest.approx(1)


@pytest.mark.parametrize(("colour", "ratio"), [("#5f8f1f", 3.86), ("#b7791f", 3.64), ("#1b7f3b", 5.07)])
def test_contrast_is_measured_as_wcag_measures_it(colour, ratio):
    assert round(contrast_ratio(BADGE_TEXT, colour), 2) == ratio


def test_every_shipped_verdict_colour_is_readable_under_its_white_label():
    shipped = json.loads((ROOT / "fixtures" / "verdicts.json").read_text(encoding="utf-8"))
    verdicts = [verdict["fields"] for verdict in shipped]
    ratios = {verdict["label"]: contrast_ratio(BADGE_TEXT, verdict["colour"]) for verdict in verdicts}
    assert len(ratios) == 7
    assert {label: ratio for label, ratio in ratios.items() if ratio < MINIMUM_CONTRAST} == {}


@pytest.mark.django_db
def test_a_verdict_colour_too_light_for_its_label_is_refused_with_the_contrast(loaded_fixtures):
    verdict = Verdict.objects.get(slug="misleading")
    verdict.colour = "#b7791f"
    with pytest.raises(ValidationError) as refused:
        verdict.full_clean()
    assert refused.value.message_dict["colour"] == [
        "White text on #b7791f has a contrast of 3.64:1; readers need at least 4.5:1 (WCAG AA). Choose a darker colour."
    ]
