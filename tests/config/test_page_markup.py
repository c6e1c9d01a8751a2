"""The markup of explanatory pages: paragraphs, headings, lists and links, and never the editor's own HTML."""

from config.pages.markup import blocks, inline


def test_empty_lines_separate_paragraphs_and_single_line_breaks_are_kept():
    assert blocks("One.\nStill one.\n\nTwo.") == [("p", "One.<br>Still one."), ("p", "Two.")]


def test_a_paragraph_starting_with_two_hashes_is_a_heading():
    assert blocks("## How it works\n\nText.") == [("h2", "How it works"), ("p", "Text.")]


def test_lines_starting_with_a_dash_make_a_list():
    assert blocks("- First\n- Second") == [("ul", ["First", "Second"])]


def test_html_an_editor_types_is_shown_as_text():
    assert inline('<script>alert("x")</script>') == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


def test_links_to_this_site_and_to_web_pages_become_links():
    assert inline("See [claims](/claims/).") == 'See <a href="/claims/">claims</a>.'
    assert inline("[W](https://en.wikipedia.org/wiki/X)") == '<a href="https://en.wikipedia.org/wiki/X">W</a>'


def test_links_to_scripts_or_other_schemes_stay_text():
    for text in ["[x](javascript:alert(1))", "[x](//evil.example/)", '[x](/a" onclick="b)']:
        assert "<a" not in inline(text), text
