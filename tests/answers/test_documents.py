import datetime

import pytest

from answers.documents import DocumentError, parse_document, posted_date

TWO_ANSWERS = """What happened in 1921?

account_box
Algo Rhythmia
a year ago

The Treaty of Moscow was signed in 1921.

account_box
Mira Talkstone
2 years ago

The Treaty of Kars followed in October.
"""


def error_of(document):
    with pytest.raises(DocumentError) as caught:
        parse_document(document)
    return caught.value.line, caught.value.reason


def test_the_seed_document_has_a_question_and_two_answers(seed_document):
    parsed = parse_document(seed_document.read_bytes())
    assert parsed.question.startswith("How did the Turkish War of Independence impact")
    assert [answer.author for answer in parsed.answers] == ["Algo Rhythmia", "Mira Talkstone"]
    assert [answer.posted_label for answer in parsed.answers] == ["a year ago", "a year ago"]
    assert parsed.answers[0].body.count("\n\n") == 3
    assert parsed.answers[1].body.endswith("continue to evolve in the years to come.")


def test_a_document_parses_into_question_answers_and_paragraphs():
    parsed = parse_document(TWO_ANSWERS)
    assert parsed.question == "What happened in 1921?"
    assert parsed.answers[0].body == "The Treaty of Moscow was signed in 1921."
    assert parsed.answers[1].posted_label == "2 years ago"
    assert [answer.line for answer in parsed.answers] == [3, 9]


def test_crlf_line_endings_read_like_lf():
    assert parse_document(TWO_ANSWERS.replace("\n", "\r\n").encode()) == parse_document(TWO_ANSWERS)


def test_a_byte_order_mark_is_dropped():
    parsed = parse_document(b"\xef\xbb\xbf" + TWO_ANSWERS.encode())
    assert parsed.question == "What happened in 1921?"


def test_trailing_spaces_are_removed():
    spaced = "\n".join(line + "  \t" for line in TWO_ANSWERS.split("\n"))
    assert parse_document(spaced) == parse_document(TWO_ANSWERS)


def test_runs_of_blank_lines_separate_paragraphs_once():
    document = "Q?\n\n\n\naccount_box\nA\njust now\n\n\n\nFirst.\n\n\n\n\nSecond.\n\n\n"
    assert parse_document(document).answers[0].body == "First.\n\nSecond."


def test_any_number_of_answers_is_read():
    blocks = "".join(f"account_box\nAuthor {n}\n{n} days ago\n\nAnswer {n}.\n\n" for n in range(1, 8))
    parsed = parse_document("Q?\n\n" + blocks)
    assert [answer.author for answer in parsed.answers] == [f"Author {n}" for n in range(1, 8)]


def test_non_ascii_names_are_kept():
    parsed = parse_document("Kurtuluş Savaşı ne zaman bitti?\naccount_box\nÇağrı Öztürk\nbir yıl önce\n\nİstiklal.\n")
    assert parsed.question == "Kurtuluş Savaşı ne zaman bitti?"
    assert parsed.answers[0].author == "Çağrı Öztürk"


def test_bullet_lines_are_kept_as_written():
    document = "Q?\naccount_box\nA\na year ago\n\nTreaties:\n- Moscow (1921)\n* Kars (1921)\n• Lausanne (1923)\n"
    assert parse_document(document).answers[0].body == "Treaties:\n- Moscow (1921)\n* Kars (1921)\n• Lausanne (1923)"


def test_an_unreadable_label_is_kept_raw():
    document = TWO_ANSWERS.replace("a year ago", "sometime last spring")
    assert parse_document(document).answers[0].posted_label == "sometime last spring"


@pytest.mark.parametrize("document", ["", "\n\n  \n", "\ufeff"])
def test_an_empty_document_is_refused(document):
    assert error_of(document) == (1, "the document is empty")


def test_a_document_without_answers_is_refused():
    line, reason = error_of("\n\nWhat happened in 1921?\n\nNobody answered.\n")
    assert line == 3
    assert reason.startswith("no answers")


def test_an_account_box_at_the_end_without_an_author_is_refused():
    assert error_of(TWO_ANSWERS + "\naccount_box\n") == (15, "'account_box' is not followed by the author's name")


def test_an_account_box_followed_by_a_blank_line_is_refused():
    line, reason = error_of("Q?\naccount_box\n\nsomeone\n")
    assert (line, reason) == (3, "expected the author's name on this line, found a blank line")


def test_an_account_box_followed_by_another_is_refused():
    line, reason = error_of("Q?\naccount_box\naccount_box\nA\na year ago\n\nText.\n")
    assert line == 2
    assert "not followed by the author's name" in reason


def test_an_answer_without_a_posted_label_is_refused():
    assert error_of("Q?\naccount_box\nAlgo Rhythmia\n")[1].startswith(
        "'account_box' is not followed by the posted label"
    )


def test_an_answer_without_text_is_refused():
    assert error_of("Q?\naccount_box\nAlgo Rhythmia\na year ago\n\n\naccount_box\nB\nnow\n\nText.\n") == (
        2,
        "the answer by Algo Rhythmia has no text",
    )


def test_a_paragraph_in_place_of_the_author_is_refused():
    line, reason = error_of("Q?\naccount_box\n" + "The war was long. " * 20 + "\na year ago\n\nText.\n")
    assert line == 3
    assert "is the author's name missing?" in reason


def test_a_document_that_starts_with_an_answer_is_refused():
    assert error_of("account_box\nA\nnow\n\nText.\n")[1].endswith("the question is missing")


def test_text_between_the_question_and_the_first_answer_is_refused():
    assert error_of("Q?\nMore of the question.\naccount_box\nA\nnow\n\nText.\n") == (
        2,
        "unexpected text between the question and the first answer",
    )


def test_a_document_that_is_not_utf8_is_refused_at_its_line():
    data = TWO_ANSWERS.replace("Mira Talkstone", "Mira Talkst\u00f6ne").encode("latin-1")
    line, reason = error_of(data)
    assert line == 10
    assert reason == "not UTF-8 text (byte 0xf6 cannot be decoded)"


def test_a_binary_file_is_refused():
    line, reason = error_of(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert line == 3
    assert reason.startswith("binary data")


CAPTURED = datetime.date(2026, 11, 24)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("just now", CAPTURED),
        ("an hour ago", CAPTURED),
        ("23 hours ago", CAPTURED),
        ("48 hours ago", datetime.date(2026, 11, 22)),
        ("a minute ago", CAPTURED),
        ("yesterday", datetime.date(2026, 11, 23)),
        ("3 days ago", datetime.date(2026, 11, 21)),
        ("a week ago", datetime.date(2026, 11, 17)),
        ("8 months ago", datetime.date(2026, 3, 24)),
        ("a year ago", datetime.date(2025, 11, 24)),
        ("2 years ago", datetime.date(2024, 11, 24)),
        ("  Two   Years Ago ", datetime.date(2024, 11, 24)),
        ("a while ago", None),
        ("sometime last spring", None),
        ("99999999999 days ago", None),
        ("99999999999 years ago", None),
    ],
)
def test_posted_labels_count_back_from_the_capture_date(label, expected):
    assert posted_date(label, CAPTURED) == expected


def test_months_back_from_a_long_month_land_on_the_last_day():
    assert posted_date("a month ago", datetime.date(2026, 3, 31)) == datetime.date(2026, 2, 28)


def test_a_byte_order_mark_inside_a_document_does_not_hide_an_answer():
    parsed = parse_document(TWO_ANSWERS.replace("account_box\nMira", "\ufeffaccount_box\nMira"))
    assert [answer.author for answer in parsed.answers] == ["Algo Rhythmia", "Mira Talkstone"]


def test_an_indented_account_box_is_text_not_a_marker():
    text = "The Treaty of Kars followed in October."
    parsed = parse_document(TWO_ANSWERS.replace(text, "  account_box\n" + text))
    assert len(parsed.answers) == 2
    assert parsed.answers[1].body == "  account_box\n" + text
