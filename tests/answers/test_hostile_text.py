"""Text shaped to be slow: the text functions give the right results on it (their times are in `make bench-text`).

Each input here took seconds to minutes before the functions were made linear; now the suite would notice
if one became slow again only as a slower run, so every test checks what the function returns.
"""

import datetime

from answers import anchoring, crosscheck
from answers.mentions import find_dates, find_event_phrases, find_names
from bench.text import seed_timeline

D = datetime.date


def test_capitalised_words_without_an_event_word_are_no_event_phrase():
    assert find_event_phrases("Aa " * 20_000) == []


def test_each_event_phrase_in_a_long_run_of_capitalised_words_is_found_once():
    text = "Aa War " * 5_000
    # One run of capitalised words: the phrase runs from its first word to its last event word.
    assert find_event_phrases(text) == [(0, len(text.rstrip()))]
    text = "Aa War, " * 5_000
    assert find_event_phrases(text) == [(index * 8, index * 8 + 6) for index in range(5_000)]


def test_a_month_followed_by_a_sea_of_spaces_is_not_a_date():
    assert find_dates("1 January" + " " * 100_000 + "x") == []
    (mention,) = find_dates("1 January" + " " * 100_000 + "1921")
    assert (mention.first, mention.precision) == (D(1921, 1, 1), "day")


def test_every_year_of_a_long_list_is_found():
    mentions = find_dates("1919 " * 40_000)
    assert len(mentions) == 40_000
    assert [(m.start, m.end, m.describe()) for m in mentions[:2]] == [(0, 4, "1919"), (5, 9, "1919")]
    assert mentions[-1].start == 5 * 39_999


def test_between_a_year_and_spaces_is_only_a_year():
    assert [m.describe() for m in find_dates("between 1919" + " " * 100_000 + "x")] == ["1919"]


def test_a_name_repeated_many_times_is_found_each_time():
    timeline = seed_timeline()
    names = {event.key: (event.name, *event.names) for event in timeline}
    found = find_names("Treaty of Lausanne, " * 10_000, names)
    assert len(found) == 10_000
    assert {mention.name for mention in found} == {"Treaty of Lausanne"}


def test_a_long_claim_of_repeated_dated_names_is_checked_as_a_whole():
    outcome = crosscheck.check("Treaty of Lausanne in 1923, " * 8_000, seed_timeline())
    assert outcome.result == crosscheck.CONSISTENT
    assert outcome.explanation.count("1923 fits Treaty of Lausanne (24 July 1923)") == 8_000
    outcome = crosscheck.check("Treaty of Lausanne in 1924, " * 8_000, seed_timeline())
    assert outcome.result == crosscheck.CONFLICT
    assert outcome.explanation.count("claim says 1924; Treaty of Lausanne is dated 24 July 1923") == 8_000


def test_a_date_far_from_any_name_belongs_to_none():
    timeline = seed_timeline()
    text = "The Treaty of Lausanne" + " " * 50_000 + "(1923)" + " " * 100 + " 1950" * 1_000
    outcome = crosscheck.check(text, timeline)
    # Only spaces and a bracket between the name and 1923: it belongs to the treaty. The years after it stand
    # too far from any name to belong to one.
    assert outcome.result == crosscheck.CONSISTENT
    assert outcome.explanation == "1923 fits Treaty of Lausanne (24 July 1923)."


def test_an_unknown_event_among_many_names_is_named():
    text = "Treaty of Lausanne in 1923, " * 2_000 + "the Great Emu War of 1932."
    outcome = crosscheck.check(text, seed_timeline())
    assert (outcome.result, outcome.explanation) == (
        crosscheck.UNKNOWN_EVENT,
        "“Great Emu War of 1932” is not an event in the timeline.",
    )


def test_sentences_split_where_tabs_stand_for_spaces():
    spans = anchoring.split_claims("Mr.\tA. " * 10_000)
    assert len(spans) == 10_000


def test_a_rewrite_of_a_long_repetitive_text_follows_words_to_their_new_place():
    old, new = "a " * 50_000, "a b " * 25_000
    edit = anchoring.Edit(old, new)
    # The words that both texts start with stay where they were; the changed stretch maps as one piece.
    assert edit.follow(0, 1) == (0, 1)
    start, end = edit.follow(len(old) - 10, len(old) - 1)
    assert 0 < start <= end <= len(new)


def test_a_claim_reworded_in_a_long_answer_follows_its_sentence():
    sentences = "".join(f"Sentence number {n} says nothing new. " for n in range(2_000))
    old = sentences + "The war ended in 1922. " + sentences
    new = sentences + "The war finally ended in 1923. " + sentences
    start = old.index("The war")
    end = start + len("The war ended in 1922.")
    spans = anchoring.split_claims(new)
    assert anchoring.Edit(old, new).reworded(old[start:end], start, end, spans) == (
        new.index("The war"),
        new.index("The war") + len("The war finally ended in 1923."),
    )


def test_the_whole_text_rewritten_still_orphans_what_is_gone():
    old = "Entirely different words here. " * 3_000
    new = "Nothing like before at all! " * 3_000
    spans = anchoring.split_claims(new)
    assert anchoring.Edit(old, new).reworded("Entirely different words here.", 0, 30, spans) is None


def test_a_quote_is_found_again_in_a_long_body_whatever_it_repeats():
    body = "a" * 200_000 + "b"
    assert anchoring.reanchor(body, "a" * 999 + "b", "", "", 0, 1000) == (200_000 - 999, 200_001)


def test_a_long_run_of_leading_articles_is_left_out_of_the_phrase():
    text = "The " * 50_000 + "War of Independence"
    assert find_event_phrases(text) == [(len(text) - len("War of Independence"), len(text))]


def test_a_sentence_of_one_repeated_word_rewritten_is_compared_by_its_counts():
    old = "X0 " + "a " * 989 + "end."
    new = "Y0 " + "a b " * 494 + "end."
    edit = anchoring.Edit(old, new)
    assert edit.reworded(old, 0, len(old), anchoring.split_claims(new)) is None


def test_two_claims_reworded_far_apart_in_a_long_answer_both_follow_their_sentences():
    words = [
        "treaty",
        "signed",
        "moscow",
        "soviet",
        "turkish",
        "border",
        "kars",
        "ankara",
        "government",
        "delegation",
        "agreed",
        "armenia",
    ]
    sentences = [
        f"In {1900 + n} the " + " ".join(words[(n * 7 + k) % len(words)] for k in range(18)) + "." for n in range(80)
    ]
    old = " ".join(sentences)
    changed = list(sentences)
    for n in (1, 78):
        changed[n] = changed[n].replace("the ", "the new ", 1).replace(".", " again.")
    new = " ".join(changed)
    edit, free = anchoring.Edit(old, new), anchoring.split_claims(new)
    for n in (1, 78):
        start = old.index(sentences[n])
        span = edit.reworded(sentences[n], start, start + len(sentences[n]), free)
        assert span is not None and new[span[0] : span[1]] == changed[n]
