"""Cutting an answer's text into paragraphs and lists: list markers out, claims kept whole inside each block."""

from answers.anchoring import segments
from answers.blocks import Block, blocks


def cut(body, *claims):
    """Return the blocks of `body` with each of `claims` (its exact words, found once) as a claimed piece."""
    spans = [(body.index(words), body.index(words) + len(words), words) for words in claims]
    return blocks(body, segments(body, spans))


def test_bullet_lines_become_a_bulleted_list_without_their_markers():
    assert cut("Turkey and Russia:\n- Ankara became the capital.\n* Kars went to Turkey.") == [
        Block(pieces=[("Turkey and Russia:", None)]),
        Block(tag="ul", items=[[("Ankara became the capital.", None)], [("Kars went to Turkey.", None)]]),
    ]


def test_numbered_lines_become_a_numbered_list_that_starts_where_the_text_does():
    result = cut("3. Moscow.\n4) Kars.")
    assert [(block.tag, block.start, len(block.items)) for block in result] == [("ol", 3, 2)]


def test_claims_inside_list_items_stay_claimed_pieces():
    body = "- Ankara became the capital. It grew.\n- The Treaty of Kars was signed in 1921."
    result = cut(body, "Ankara became the capital.", "The Treaty of Kars was signed in 1921.")
    assert result[0].items == [
        [("Ankara became the capital.", "Ankara became the capital."), (" It grew.", None)],
        [("The Treaty of Kars was signed in 1921.", "The Treaty of Kars was signed in 1921.")],
    ]


def test_a_claim_over_two_list_items_is_cut_in_two_pieces_one_in_each():
    body = "- It was signed in 1921\n- by four states."
    claim = "It was signed in 1921\n- by four states."
    assert cut(body, claim)[0].items == [[("It was signed in 1921", claim)], [("by four states.", claim)]]


def test_paragraphs_around_a_list_keep_their_line_breaks_and_lose_the_blank_lines():
    result = cut("First line,\nsecond line.\n\n- An item.\n\nAfter the list.")
    assert [block.tag for block in result] == ["", "ul", ""]
    assert result[0].pieces == [("First line,\nsecond line.", None)]
    assert result[2].pieces == [("After the list.", None)]


def test_a_blank_line_between_items_does_not_start_a_new_list():
    assert [block.tag for block in cut("- One.\n\n- Two.")] == ["ul"]


def test_dates_and_hyphenated_words_at_a_line_start_are_not_list_items():
    assert [block.tag for block in cut("1921. A treaty.\n-1 degrees.\nTurkish-Soviet relations.")] == [""]


def test_text_without_lists_is_cut_into_its_paragraphs():
    assert cut("One.\n\nTwo.") == [Block(pieces=[("One.", None)]), Block(pieces=[("Two.", None)])]
