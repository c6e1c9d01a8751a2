"""The verdicts' colours as a style sheet, so that pages need neither a <style> block nor style attributes.

Pages link it with a hash of its rules in the URL (`{% verdict_colours %}`): a browser keeps each version
for good, and a changed colour is a new URL.
"""

import hashlib
import re

from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from answers.models import Verdict

HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
YEAR = 365 * 24 * 60 * 60


def verdict_rules():
    """Return the CSS giving each verdict's class (``verdict-colour-<pk>``) its colour.

    The colour is the model's #rrggbb, checked again here because the database does not enforce the
    form's validator.
    """
    verdicts = Verdict.objects.on_record().order_by("pk").values_list("pk", "colour")
    return "".join(
        f".verdict-colour-{pk}{{--verdict:{colour}}}\n" for pk, colour in verdicts if HEX_COLOUR.fullmatch(colour)
    )


def version(rules):
    """Return the short hash of `rules` that names this version of the style sheet in its URL."""
    return hashlib.sha256(rules.encode()).hexdigest()[:16]


def verdict_stylesheet(request):
    """Serve the verdicts' colours; the version a page links to may be kept for a year."""
    rules = verdict_rules()
    response = HttpResponse(rules, content_type="text/css; charset=utf-8")
    if request.GET.get("v") == version(rules):
        patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
    return response
