"""_lex_match reads the lexicon names without compiling their alternation: the same ends
as the compiled pattern (agencies._lex_re) on names written with every separator the
pattern lets vary, cut short, run on, and followed by every kind of character."""
import random

import pytest
from hypothesis import given, settings, strategies as st

from extractor import agencies as G
from extractor.normalise import fold

_D = G._data()
_NAMES = sorted({a for e in _D["agencies"] for a in [e["name"]] + e["aliases"]})
_SEPS = [" ", "  ", "-", " - ", ",", ", ", "\n", "\t", "\u00a0", "\u2003", "\x1c", ""]
_TAILS = ["", " ", "x", "&", "&b", ",", " tỉnh", "-a", ".", "\n", "đ", "1", "_", "\U0001d400"]


def _reference(fl: str, p: int) -> int:
    leads = G._token_info(G._LEAD.match(fl, p).group())[2]
    m = G._lex_re(leads).match(fl, p) if leads else None
    return m.end() if m else -1


def _check(text: str) -> None:
    fl = fold(text)
    for p in range(len(fl) + 1):
        assert G._lex_match(fl, p) == _reference(fl, p), (fl, p)


@pytest.mark.parametrize("name", _NAMES)
def test_names_with_every_separator(name):
    rnd = random.Random(name)
    words = name.split()
    for tail in _TAILS:
        _check(name + tail)
        _check(" ".join(w[:-1] for w in words) + tail)          # every word cut short
        _check(name[:-1] + tail)
        for _ in range(3):
            joined = words[0] + "".join(rnd.choice(_SEPS) + w for w in words[1:])
            _check(joined + tail)
            _check("x " + joined + rnd.choice(_SEPS) + rnd.choice(_NAMES) + tail)
        _check(name + " " * 70 + "tỉnh" + tail)               # past the squeezed window


_CHARS = " \t\n,-&.x\u00a0\x1c1đ"
texts = st.lists(st.one_of(st.sampled_from(_NAMES + ["UBND", "Sở", "Bộ", "Ủy ban", "tỉnh", "và"]),
                           st.text(alphabet=_CHARS, max_size=3)), max_size=8).map("".join)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_generated_text(t):
    _check(t)


def test_bmp_is_every_character_in_order():
    assert G._bmp() == "".join(map(chr, range(0x10000)))


@pytest.mark.parametrize("kind, words", [("heads", "_HEAD_WORDS"), ("roles", "_ROLE_WORDS"), ("generic", "_GEN_WORDS")])
def test_word_patterns_are_the_alternations_they_were(kind, words):
    # compiled only when a token holding "&" asks: the same pattern as the module-level one it replaced
    G._compile()
    assert getattr(G, words).source == r"(?:" + G._alt(fold(w) for w in _D[kind]) + r")(?!\w)"
