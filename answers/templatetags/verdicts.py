"""The verdicts' colours as a style sheet in the page, so that no element needs a style attribute."""

import re

from django import template
from django.utils.html import format_html, format_html_join

from answers.models import Verdict

register = template.Library()

HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


@register.simple_tag(takes_context=True)
def verdict_colours(context):
    """Render a <style> block, with the request's CSP nonce, giving each verdict's class its colour.

    Elements name their verdict with the class ``verdict-colour-<pk>``; the colour is the model's
    #rrggbb, checked again here because the database does not enforce the form's validator.
    """
    verdicts = Verdict.objects.on_record().values_list("pk", "colour")
    valid = ((pk, colour) for pk, colour in verdicts if HEX_COLOUR.fullmatch(colour))
    rules = format_html_join("", ".verdict-colour-{}{{--verdict:{}}}", valid)
    request = context.get("request")
    nonce = getattr(request, "csp_nonce", "") if request is not None else ""
    return format_html('<style nonce="{}">{}</style>', nonce, rules)
