"""Structured data in pages: JSON-LD that extractors and search engines read."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# Inside <script>, only the tag's end ends the data: "</script>" or "<!--" in a value must not close it.
# Escaping <, > and & as JSON's \u escapes keeps every value intact for a JSON parser.
SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


@register.filter
def json_ld(data):
    """Render `data` as a `<script type="application/ld+json">` block, safe whatever text its values hold."""
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False, indent=1).translate(SCRIPT_SAFE)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
