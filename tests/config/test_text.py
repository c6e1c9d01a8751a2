import json

import pytest

from config.text import find_refused, name_key, printable

REFUSED = {
    "\x1b": "U+001B ESCAPE",
    "\x07": "U+0007 BELL",
    "\x7f": "U+007F DELETE",
    "\x85": "U+0085 NEXT LINE",
    "\x9b": "U+009B CONTROL SEQUENCE INTRODUCER",
    "\x0c": "U+000C FORM FEED",
    "\r": "U+000D CARRIAGE RETURN",
    "\u202a": "U+202A LEFT-TO-RIGHT EMBEDDING",
    "\u202e": "U+202E RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "U+2066 LEFT-TO-RIGHT ISOLATE",
    "\u2069": "U+2069 POP DIRECTIONAL ISOLATE",
    "\u200e": "U+200E LEFT-TO-RIGHT MARK",
    "\u200f": "U+200F RIGHT-TO-LEFT MARK",
    "\u200b": "U+200B ZERO WIDTH SPACE",
    "\u200c": "U+200C ZERO WIDTH NON-JOINER",
    "\u200d": "U+200D ZERO WIDTH JOINER",
    "\u2060": "U+2060 WORD JOINER",
    "\u2061": "U+2061 FUNCTION APPLICATION",
    "\u2064": "U+2064 INVISIBLE PLUS",
    "\ufeff": "U+FEFF ZERO WIDTH NO-BREAK SPACE",
    "\u00ad": "U+00AD SOFT HYPHEN",
    "\u180e": "U+180E MONGOLIAN VOWEL SEPARATOR",
    "\u3164": "U+3164 HANGUL FILLER",
    "\u2028": "U+2028 LINE SEPARATOR",
    "\U000e0041": "U+E0041 TAG LATIN CAPITAL LETTER A",
}
KINDS = {"\x1b": "control character", "\u202e": "direction control", "\u200b": "invisible character"}


@pytest.mark.parametrize("character", REFUSED, ids=[name.split(" ", 1)[1] for name in REFUSED.values()])
def test_each_refused_character_is_found_with_its_line_column_and_name(character):
    refused = find_refused(f"The Treaty of Kars\nwas signed in Lau{character}sanne.")
    assert (refused.line, refused.column, refused.position) == (2, 18, 36)
    assert refused.name == REFUSED[character]
    assert str(refused).startswith(f"column 18: {REFUSED[character]} (")


@pytest.mark.parametrize("character, kind", KINDS.items())
def test_the_reason_says_what_kind_of_character_it_is(character, kind):
    assert kind in str(find_refused(character))


@pytest.mark.parametrize(
    "text",
    [
        "Atatürk proclaimed the Republic of Türkiye; Москва signed.",
        "José Martí, Zoë, Øresund, Kraków, İstanbul, 北京, القاهرة, תל אביב",
        "Lines\nand\ttabs, CRLF\r\nline endings, no-break\u00a0spaces, emoji 🇹🇷 and ❤️",
        "",
    ],
)
def test_ordinary_text_is_not_refused(text):
    assert find_refused(text) is None


def test_the_first_refused_character_is_found_in_a_long_text():
    text = "Ordinary words. " * 65536 + "\u202e" + "\x1b" * 3
    assert find_refused(text).position == 16 * 65536


@pytest.mark.parametrize(
    "name", ["Algo Rhythmia", "ALGO RHYTHMIA", "algo  rhythmia", "Ａｌｇｏ Ｒｈｙｔｈｍｉａ", "Algo\u00a0Rhythmia"]
)
def test_look_alike_names_have_the_same_key(name):
    assert name_key(name) == name_key("Algo Rhythmia") == "algo rhythmia"


def test_different_names_have_different_keys():
    assert name_key("Algo Rhythmia") != name_key("Algo Rhythmic")
    assert name_key("Atatürk") != name_key("Ataturk")


def test_terminal_output_shows_controls_as_escapes():
    text = "\x1b[2J\x1b]0;pwned\x07Kars\u202e1921\u200b\U000e0041 Türkiye Москва"
    assert printable(text) == "\\u001b[2J\\u001b]0;pwned\\u0007Kars\\u202e1921\\u200b\\udb40\\udc41 Türkiye Москва"


def test_terminal_output_keeps_or_escapes_newlines_as_asked():
    assert printable("a\nb\r\nc\td") == "a\nb\\u000d\nc\td"
    assert printable("a\nb", newlines=False) == "a\\u000ab"


def test_escaped_json_is_still_json_with_the_same_text():
    text = "Kars\u202e\x1b\x9b\u200b\U000e0041 Türkiye"
    output = printable(json.dumps({"text": text}, ensure_ascii=False))
    assert find_refused(output) is None
    assert json.loads(output) == {"text": text}
