"""The fast paths of normalise, segment and lexicon agree with the plain steps."""
import random
import unicodedata

from extractor import lexicon
from extractor.normalise import _NFC_STABLE, _nfc


def test_nfc_by_runs_is_nfc():
    marks = [chr(c) for c in range(0x300, 0x370)] + ["\u0e48", "\u3099", "\u05b0"]
    stable = sorted(_NFC_STABLE)
    pool = (stable[:300] + stable[-100:] + marks + [chr(c) for c in range(0x1100, 0x1110)]
            + [chr(c) for c in range(0x1161, 0x1170)] + [chr(c) for c in range(0xAC00, 0xAC08)]
            + ["\u0915", "\u093c", "\u212b", "\u2126", "\u0344", "\U0001d15e", "\ud800", "\n", "ơ", "ư"])
    rng = random.Random(7)
    for _ in range(20000):
        s = "".join(rng.choice(pool) for _ in range(rng.randint(0, 12)))
        assert _nfc(s) == unicodedata.normalize("NFC", s), repr(s)
    decomposed = unicodedata.normalize("NFD", "Quyết định số 12/2024 về việc ban hành Quy chế")
    assert _nfc("Điều 1. " + decomposed) == unicodedata.normalize("NFC", "Điều 1. " + decomposed)


def test_nfc_splits_before_stable_characters_only():
    """A character of _NFC_STABLE never composes with what comes before it."""
    befores = ["a", "o", "u", "A", "ơ", "\u1100", "\u0301", "\u0323", " "]
    for c in sorted(_NFC_STABLE):
        for b in befores:
            for m in ("", "\u0301", "\u0323\u0301"):
                assert unicodedata.normalize("NFC", b + c + m) == \
                    unicodedata.normalize("NFC", b) + unicodedata.normalize("NFC", c + m)


def test_proper_case_index_keeps_the_table_order():
    """proper_case tries the table words whose first character is the line's at that
    point, in the table's longest-first order: the first that fits is the same."""
    table = lexicon._caps_words()
    by_first = lexicon._caps_words_by_first()
    assert sum(map(len, by_first.values())) == len(table)
    for first, entries in by_first.items():
        assert entries == [e for e in table if e[0][:1] == first]
    assert lexicon.proper_case("PHÓ CHỦ TỊCH ỦY BAN NHÂN DÂN") == "Phó Chủ tịch Ủy ban nhân dân"


def test_character_flags_agree_with_the_patterns():
    from extractor.normalise import _CHANGE, _MAY_BE_UNNORMALISED, _MAY_CHANGE, _UNSTABLE, _char_flags
    chars = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp < 0xE000)
    flags = _char_flags(chars).tolist()
    for c, f in zip(chars, flags):
        assert bool(f) == bool(_MAY_CHANGE.match(c)), hex(ord(c))
        assert bool(f & _UNSTABLE) == bool(_MAY_BE_UNNORMALISED.match(c)), hex(ord(c))
    assert _char_flags("a\ud800") is None


def test_homoglyphs_replaced_as_by_the_table():
    from extractor.normalise import _HOMOGLYPHS, clean_chars
    text = "Số 12/2024/TT-BTС, Рабочий ёЁй АВСЕНКМОРТХаеорсх"
    assert clean_chars(text) == text.translate(_HOMOGLYPHS)


def test_line_map_matches_the_text():
    from extractor.models import NormText
    from extractor.segment import _lines
    for text in ("", "a", "\n", "ab\n\ncd\n", "Điều 1.\nx"):
        norm = NormText(text=text)
        assert _lines(norm) == [(s, e, text[s:e]) for s, e in norm.lines()]
