"""The little markup of explanatory pages, turned into safe HTML: editors never write HTML themselves.

Paragraphs are separated by an empty line; a paragraph starting with "## " is a heading; a paragraph whose
lines all start with "- " is a list; [words](address) is a link to an address on this site (starting with
"/" or "#") or to a web page (https:// or http://). Everything else is text, escaped.
"""

import re

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

LINK = re.compile(r"\[([^\[\]\n]+)\]\(((?:/(?!/)|#|https?://)[^\s()<>\"']*)\)")


def inline(text):
    """Return `text` as safe HTML: escaped, its [words](address) links made links, its line breaks kept."""
    pieces, end = [], 0
    for match in LINK.finditer(text):
        pieces.append(escape(text[end : match.start()]))
        pieces.append(format_html('<a href="{}">{}</a>', match[2], match[1]))
        end = match.end()
    pieces.append(escape(text[end:]))
    return mark_safe("<br>".join("".join(pieces).split("\n")))


def blocks(text):
    """Return [(kind, content)] for `text`: ("h2", html), ("p", html) or ("ul", [html, ...])."""
    result = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in block.strip().split("\n")]
        if not lines or not lines[0]:
            continue
        if lines[0].startswith("## ") and len(lines) == 1:
            result.append(("h2", inline(lines[0][3:].strip())))
        elif all(line.startswith("- ") for line in lines):
            result.append(("ul", [inline(line[2:].strip()) for line in lines]))
        else:
            result.append(("p", inline("\n".join(lines))))
    return result
