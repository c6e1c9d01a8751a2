from config.proposals.diff import word_diff


def test_an_appended_sentence_is_shown_as_one_insertion():
    diff = word_diff("It was signed on 13 October 1921.", "It was signed on 13 October 1921. Ratified in 1922.")
    assert diff == "It was signed on 13 October 1921.<ins> Ratified in 1922.</ins>"


def test_a_changed_word_is_struck_out_and_replaced_in_place():
    assert word_diff("Signed in 1922 by Turkey.", "Signed in 1923 by Turkey.") == (
        "Signed in <del>1922</del><ins>1923</ins> by Turkey."
    )


def test_a_rewritten_passage_reads_as_one_deletion_and_one_insertion():
    diff = word_diff(
        "No Turkish–Soviet war took place: Turkey stayed neutral until February 1945.",
        "Started before the other revision was published.",
    )
    assert diff == (
        "<del>No Turkish–Soviet war took place: Turkey stayed neutral until February 1945</del>"
        "<ins>Started before the other revision was published</ins>."
    )
