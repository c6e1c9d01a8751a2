"""The link to the verdicts' colours, a style sheet, so that no element needs a style attribute."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from answers.stylesheets import verdict_rules, version

register = template.Library()


@register.simple_tag
def verdict_colours():
    """Render the <link> to the style sheet giving each verdict's class (``verdict-colour-<pk>``) its colour.

    Its URL names the version of the rules, so a browser never keeps colours that changed.
    """
    return format_html('<link rel="stylesheet" href="{}?v={}">', reverse("verdict-colours"), version(verdict_rules()))
