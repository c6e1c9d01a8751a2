"""The timeline cross-check on a labelled set of claims written for the tests, with its own small timeline."""

import datetime

import pytest

from answers.crosscheck import CONFLICT, CONSISTENT, NO_DATES, NO_EVENT, UNKNOWN_EVENT, TimelineEvent, check
from answers.mentions import find_dates

D = datetime.date

TIMELINE = [
    TimelineEvent("hastings", "Battle of Hastings", (), D(1066, 10, 14), "day"),
    TimelineEvent("westphalia", "Peace of Westphalia", ("Treaty of Westphalia",), D(1648, 10, 24), "day"),
    TimelineEvent("french-revolution", "French Revolution", (), D(1789, 1, 1), "year", D(1799, 12, 31), "year"),
    TimelineEvent("waterloo", "Battle of Waterloo", (), D(1815, 6, 18), "day"),
    TimelineEvent("vienna", "Congress of Vienna", (), D(1814, 9, 1), "month", D(1815, 6, 9), "day"),
    TimelineEvent("us-civil-war", "American Civil War", ("US Civil War",), D(1861, 4, 12), "day", D(1865, 5, 9), "day"),
    TimelineEvent(
        "wwi", "World War I", ("First World War", "Great War"), D(1914, 7, 28), "day", D(1918, 11, 11), "day"
    ),
    TimelineEvent("versailles", "Treaty of Versailles", (), D(1919, 6, 28), "day"),
    TimelineEvent(
        "twi",
        "Turkish War of Independence",
        ("Turkish National Struggle",),
        D(1919, 5, 19),
        "day",
        D(1923, 7, 24),
        "day",
    ),
    TimelineEvent("lausanne", "Treaty of Lausanne", (), D(1923, 7, 24), "day"),
    TimelineEvent("spanish-civil-war", "Spanish Civil War", (), D(1936, 7, 17), "day", D(1939, 4, 1), "day"),
    TimelineEvent("wwii", "World War II", ("Second World War",), D(1939, 9, 1), "day", D(1945, 9, 2), "day"),
    TimelineEvent("korean-war", "Korean War", (), D(1950, 6, 25), "day", D(1953, 7, 27), "day"),
    TimelineEvent("cuban-missile-crisis", "Cuban Missile Crisis", (), D(1962, 10, 16), "day", D(1962, 10, 28), "day"),
    TimelineEvent(
        "moon-landing", "Apollo 11 Moon landing", ("Moon landing", "first Moon landing"), D(1969, 7, 20), "day"
    ),
    TimelineEvent("berlin-wall", "Fall of the Berlin Wall", ("fall of the Berlin Wall",), D(1989, 11, 9), "day"),
    TimelineEvent(
        "ussr-dissolution", "Dissolution of the Soviet Union", ("collapse of the Soviet Union",), D(1991, 12, 26), "day"
    ),
]

# (claim, what a careful reader would flag). Written for these tests; the seed's own claims are elsewhere.
LABELLED = [
    ("The Battle of Hastings was fought in 1066.", CONSISTENT),
    ("The Battle of Hastings was fought on 14 October 1066.", CONSISTENT),
    ("The Battle of Hastings took place in 1067.", CONFLICT),
    ("The Peace of Westphalia (1648) ended the Thirty Years' War.", UNKNOWN_EVENT),
    ("The Treaty of Westphalia was signed in 1658.", CONFLICT),
    ("The French Revolution (1789-1799) transformed France.", CONSISTENT),
    ("The French Revolution lasted from 1789 to 1815.", CONFLICT),
    ("The French Revolution began in 1791.", CONFLICT),
    ("The Battle of Waterloo, fought on June 18, 1815, ended Napoleon's rule.", CONSISTENT),
    ("The Battle of Waterloo took place in 1816.", CONFLICT),
    ("The Congress of Vienna met in 1814 and 1815.", CONSISTENT),
    ("The Congress of Vienna met in 1820.", CONFLICT),
    ("The American Civil War, fought between 1861 and 1865, ended slavery.", CONSISTENT),
    ("The American Civil War was fought from 1860 to 1865.", CONFLICT),
    ("World War I lasted from 1914 to 1919.", CONFLICT),
    ("The Great War broke out in 1914.", CONSISTENT),
    ("The First World War ended in 1918.", CONSISTENT),
    ("The Treaty of Versailles was signed in 1919.", CONSISTENT),
    ("The Treaty of Versailles was signed in 1920.", CONFLICT),
    ("The Turkish War of Independence (1919-1923) created modern Turkey.", CONSISTENT),
    ("The Turkish War of Independence, fought between 1919 and 1922, created modern Turkey.", CONFLICT),
    ("The Treaty of Lausanne of 24 July 1923 ended the war.", CONSISTENT),
    ("The Treaty of Lausanne was signed in March 1923.", CONFLICT),
    ("The Spanish Civil War (1936–1939) foreshadowed the Second World War.", CONSISTENT),
    ("The Spanish Civil War began in 1935.", CONFLICT),
    ("World War II began in 1939.", CONSISTENT),
    ("The Second World War ended in 1944.", CONFLICT),
    ("The Korean War lasted from 1950 to 1953.", CONSISTENT),
    ("The Korean War began in 1948.", CONFLICT),
    ("The Cuban Missile Crisis of October 1962 brought the world close to nuclear war.", CONSISTENT),
    ("The Cuban Missile Crisis happened in 1963.", CONFLICT),
    ("The first Moon landing took place in July 1969.", CONSISTENT),
    ("The Moon landing happened in 1968.", CONFLICT),
    ("The fall of the Berlin Wall on 9 November 1989 opened the border.", CONSISTENT),
    ("The collapse of the Soviet Union in 1991 ended the Cold War.", CONSISTENT),
    ("The collapse of the Soviet Union in 1990 surprised the West.", CONFLICT),
    ("This led to the Turkish-Soviet War of 1941-1945.", UNKNOWN_EVENT),
    ("The Anglo-Zanzibar War of 1896 lasted less than an hour.", UNKNOWN_EVENT),
    ("The Treaty of Tordesillas divided the New World.", UNKNOWN_EVENT),
    ("The Battle of Britain was fought in 1940.", UNKNOWN_EVENT),
    ("The Great Emu War of 1932 was lost by the army.", UNKNOWN_EVENT),
    ("The Treaty of Atlantis (1802) ended the Sea War.", UNKNOWN_EVENT),
    ("The Pacific Crisis of 1977 never happened.", UNKNOWN_EVENT),
    ("After World War II, Europe was divided.", NO_DATES),
    ("The Cold War shaped the second half of the century.", NO_DATES),
    ("Relations were strained for many years.", NO_DATES),
    ("Turkey and the Soviet Union established diplomatic relations in 1924.", NO_EVENT),
    ("Relations improved again in the 1990s.", NO_EVENT),
    ("The economy recovered in the late 1950s.", NO_EVENT),
    ("During World War II, in 1943, Turkey stayed neutral.", CONSISTENT),
    ("After the Treaty of Versailles, German inflation peaked in 1923.", NO_EVENT),
    ("The war of 1812 was fought between Britain and the United States.", UNKNOWN_EVENT),
    ("In 1815, after the Battle of Waterloo, the Congress of Vienna closed.", CONSISTENT),
    ("The United Nations was founded in 1945.", NO_EVENT),
]


def measure(label):
    """Return (precision, recall, true positives, predicted, actual) of the checker for one label."""
    predicted = [check(text, TIMELINE).result == label for text, _ in LABELLED]
    actual = [expected == label for _, expected in LABELLED]
    true = sum(p and a for p, a in zip(predicted, actual, strict=True))
    return true / max(sum(predicted), 1), true / max(sum(actual), 1), true, sum(predicted), sum(actual)


def test_the_labelled_set_is_large_enough():
    assert len(LABELLED) >= 40
    assert len({text for text, _ in LABELLED}) == len(LABELLED)


@pytest.mark.parametrize("label", [CONFLICT, UNKNOWN_EVENT])
def test_precision_is_at_least_0_9(label, capsys):
    precision, recall, true, predicted, actual = measure(label)
    with capsys.disabled():
        print(f"\n{label}: precision {precision:.2f} ({true}/{predicted}), recall {recall:.2f} ({true}/{actual})")
    assert precision >= 0.9
    assert recall >= 0.75


@pytest.mark.parametrize(
    "text, result, explanation",
    [
        (
            "The Turkish War of Independence, fought between 1919 and 1922, created modern Turkey.",
            CONFLICT,
            "claim says 1922; Turkish War of Independence ended 24 July 1923.",
        ),
        (
            "The French Revolution lasted from 1780 to 1799.",
            CONFLICT,
            "claim says 1780; French Revolution began 1789.",
        ),
        (
            "This led to the Turkish-Soviet War of 1941-1945.",
            UNKNOWN_EVENT,
            "“Turkish-Soviet War of 1941-1945” is not an event in the timeline.",
        ),
        ("The Battle of Hastings was fought in 1066.", CONSISTENT, "1066 fits Battle of Hastings (14 October 1066)."),
    ],
)
def test_explanations_name_both_dates(text, result, explanation):
    outcome = check(text, TIMELINE)
    assert (outcome.result, outcome.explanation) == (result, explanation)


def test_names_match_across_case_hyphens_punctuation_and_diacritics():
    timeline = [TimelineEvent("k", "Kurtuluş Savaşı", ("Anglo-Zanzibar War",), D(1919, 5, 19), "day")]
    assert check("KURTULUS SAVASI began in 1919.", timeline).result == CONSISTENT
    assert check("The anglo zanzibar war began in 1919.", timeline).result == CONSISTENT


def test_a_year_in_parentheses_belongs_to_the_name_before_it():
    outcome = check("The Treaty of Versailles (1920) and the Treaty of Lausanne (1923) ended wars.", TIMELINE)
    assert outcome.result == CONFLICT
    assert outcome.explanation == "claim says 1920; Treaty of Versailles is dated 28 June 1919."


@pytest.mark.parametrize(
    "text, described, precision",
    [
        ("in 1921", ["1921"], "year"),
        ("from 1919-1923", ["1919–1923"], "year"),
        ("between 1919 and 1922", ["1919–1922"], "year"),
        ("from 1919 to 1923", ["1919–1923"], "year"),
        ("1919–23", ["1919–1923"], "year"),
        ("on 24 July 1923", ["24 July 1923"], "day"),
        ("on July 24, 1923", ["24 July 1923"], "day"),
        ("in March 1921", ["March 1921"], "month"),
        ("in the 1930s", ["1930s"], "decade"),
        ("in the late 1930s", ["late 1930s"], "decade"),
        ("in the 1990s", ["1990s"], "decade"),
    ],
)
def test_date_mentions_have_spans_and_precision(text, described, precision):
    mentions = find_dates(text)
    assert [mention.describe() for mention in mentions] == described
    assert all(text[m.start : m.end] == m.text and m.precision == precision for m in mentions)


def test_the_late_1930s_is_1936_to_1939():
    (mention,) = find_dates("in the late 1930s")
    assert (mention.first, mention.last) == (D(1936, 1, 1), D(1939, 12, 31))


def test_impossible_dates_are_not_read_as_dates():
    mentions = find_dates("on 31 February 1921 and 1923-1919")
    assert [(mention.describe(), mention.precision) for mention in mentions] == [
        ("February 1921", "month"),
        ("1923", "year"),
        ("1919", "year"),
    ]


@pytest.mark.parametrize(
    "text, explanation",
    [
        ("The Second World War ended in 1944.", "claim says it ended in 1944; World War II ended 2 September 1945."),
        ("The Korean War began in 1948.", "claim says it began in 1948; Korean War began 25 June 1950."),
    ],
)
def test_ended_and_began_date_that_end_of_the_event(text, explanation):
    assert check(text, TIMELINE).explanation == explanation


def test_an_event_used_as_a_time_anchor_does_not_own_later_dates():
    outcome = check("After the Treaty of Versailles, German inflation peaked in 1923.", TIMELINE)
    assert outcome.result == NO_EVENT
