from hypothesis import given
from hypothesis import strategies as st

from answers.anchoring import CONTEXT_LENGTH, context, first_sentence, reanchor, split_claims
from answers.documents import parse_document


def sentences(body):
    return [body[start:end] for start, end in split_claims(body)]


def test_each_sentence_is_a_claim():
    assert sentences("The war ended in 1923. The Republic followed! Was it quick? It was not.") == [
        "The war ended in 1923.",
        "The Republic followed!",
        "Was it quick?",
        "It was not.",
    ]


def test_abbreviations_do_not_end_a_sentence():
    body = "Gen. Kâzım Karabekir took Kars in Oct. 1920. Mr. Chicherin signed for Soviet Russia."
    assert sentences(body) == [
        "Gen. Kâzım Karabekir took Kars in Oct. 1920.",
        "Mr. Chicherin signed for Soviet Russia.",
    ]


def test_initials_do_not_end_a_sentence():
    assert sentences("It was led by M. Kemal Pasha. J. R. R. Tolkien was not there.") == [
        "It was led by M. Kemal Pasha.",
        "J. R. R. Tolkien was not there.",
    ]


def test_decimals_do_not_end_a_sentence():
    assert sentences("Turkey received 10.5 million gold roubles. That helped.") == [
        "Turkey received 10.5 million gold roubles.",
        "That helped.",
    ]


def test_eg_and_ie_do_not_end_a_sentence():
    assert sentences("Some treaties, e.g. Kars, set borders. Others, i.e. Moscow, did more. Done.") == [
        "Some treaties, e.g. Kars, set borders.",
        "Others, i.e. Moscow, did more.",
        "Done.",
    ]


def test_dotted_acronyms_do_not_end_a_sentence():
    assert sentences("The U.S.S.R. Foreign Ministry denounced it in 1945. Relations cooled.") == [
        "The U.S.S.R. Foreign Ministry denounced it in 1945.",
        "Relations cooled.",
    ]


def test_a_roman_numeral_i_ends_a_sentence():
    assert sentences("It followed World War I. The Allies occupied Istanbul.") == [
        "It followed World War I.",
        "The Allies occupied Istanbul.",
    ]


def test_a_full_stop_before_a_lower_case_word_does_not_end_a_sentence():
    assert sentences("Signed at Kars approx. two weeks later.") == ["Signed at Kars approx. two weeks later."]


def test_etc_ends_a_sentence_before_a_capital():
    assert sentences("Trade, arms, etc. Relations improved.") == ["Trade, arms, etc.", "Relations improved."]


def test_closing_quotes_stay_with_their_sentence():
    assert sentences('He called it "a brotherhood." Others disagreed.') == [
        'He called it "a brotherhood."',
        "Others disagreed.",
    ]


def test_a_last_sentence_without_punctuation_is_a_claim():
    assert sentences("The war ended. Relations improved") == ["The war ended.", "Relations improved"]


def test_each_bullet_line_is_a_claim_without_its_marker():
    body = "Treaties:\n- Moscow (1921)\n* Kars (1921)\n1. Lausanne (1923)\n• Montreux (1936)"
    assert sentences(body) == ["Treaties:", "Moscow (1921)", "Kars (1921)", "Lausanne (1923)", "Montreux (1936)"]


def test_lines_without_words_are_not_claims():
    assert sentences("First.\n\n---\n\n…\nSecond.") == ["First.", "Second."]


def test_every_seed_claim_is_anchored_exactly(seed_document):
    for answer in parse_document(seed_document.read_bytes()).answers:
        spans = split_claims(answer.body)
        assert spans
        for start, end in spans:
            exact = answer.body[start:end]
            assert exact == exact.strip()
            assert exact[-1] in ".!?"


@given(st.text(alphabet=st.sampled_from("ab .!?\n-•e.g1ÇI\"'"), max_size=200))
def test_spans_are_ordered_trimmed_and_cover_only_their_text(body):
    previous_end = 0
    for start, end in split_claims(body):
        assert previous_end <= start < end <= len(body)
        assert body[start:end] == body[start:end].strip()
        assert "\n" not in body[start:end]
        previous_end = end


def test_context_is_the_text_around_the_quote():
    body = "x" * 50 + "QUOTE" + "y" * 50
    prefix, suffix = context(body, 50, 55)
    assert prefix == "x" * CONTEXT_LENGTH
    assert suffix == "y" * CONTEXT_LENGTH
    assert context("QUOTE", 0, 5) == ("", "")


def test_reanchor_keeps_the_position_when_the_quote_is_still_there():
    body = "Alpha. Beta. Gamma."
    assert reanchor(body, "Beta.", "Alpha. ", " Gamma.", 7, 12) == (7, 12)


def test_reanchor_follows_a_quote_that_moved():
    body = "New opening sentence. Alpha. Beta. Gamma."
    assert reanchor(body, "Beta.", "Alpha. ", " Gamma.", 7, 12) == (29, 34)


def test_reanchor_picks_the_occurrence_with_the_matching_context():
    body = "Intro. It was signed. Moscow, 1921. It was signed. Kars, 1921."
    first, second = body.index("It was signed."), body.rindex("It was signed.")
    assert reanchor(body, "It was signed.", "Moscow, 1921. ", " Kars, 1921.", 0, 14) == (second, second + 14)
    assert reanchor(body, "It was signed.", "Intro. ", " Moscow, 1921.", 99, 113) == (first, first + 14)


def test_reanchor_gives_up_when_the_quote_is_gone():
    assert reanchor("Alpha. Gamma.", "Beta.", "Alpha. ", " Gamma.", 7, 12) is None


def test_the_first_sentence_of_a_rationale_is_not_cut_at_abbreviations_initials_or_dates():
    text = "Signed c. 1921 by M. Kemal and dated 1 Jan. 1922 in the U.S.S.R. archives. The rest follows."
    assert first_sentence(text) == "Signed c. 1921 by M. Kemal and dated 1 Jan. 1922 in the U.S.S.R. archives."


def test_the_first_sentence_ends_at_a_full_stop_after_a_year():
    assert first_sentence("It was signed on 16 March 1921. Kars followed.") == "It was signed on 16 March 1921."


def test_the_first_sentence_skips_blank_lines_and_a_bullet_marker():
    assert first_sentence("\n\n- Ankara became the capital. Then more.\nNext line.") == "Ankara became the capital."


def test_a_long_first_sentence_is_cut_at_a_word_boundary_with_an_ellipsis():
    sentence = "The treaty, signed in Moscow, " + "fixed the border and settled Batumi " * 5 + "in 1921."
    summary = first_sentence(sentence + " Second.", limit=80)
    assert len(summary) <= 80 and summary.endswith("…")
    assert sentence.startswith(summary[:-1]) and sentence[len(summary) - 1] == " "


def test_a_first_sentence_without_spaces_is_cut_at_the_limit():
    assert first_sentence("x" * 300, limit=50) == "x" * 49 + "…"
