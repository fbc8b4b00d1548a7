"""Look-ups over the data files in ``extractor/data`` (doc types, provinces, titles)."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Optional

import regex

from .normalise import fold


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    return json.loads(resources.files("extractor.data").joinpath(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _doc_types() -> list[dict]:
    return load("doc_types.json")["types"]


@lru_cache(maxsize=None)
def _type_by_fold() -> dict[str, str]:
    return {fold(t["name"]): t.get("canonical", t["name"]) for t in _doc_types()}


@lru_cache(maxsize=None)
def _type_by_code() -> dict[str, str]:
    """Exact codes and their upper-case forms; Đ stays Đ (ĐA is Đề án, DA is Dự án)."""
    out = {}
    for t in _doc_types():
        for c in t["codes"]:
            out.setdefault(c, t.get("canonical", t["name"]))
            out.setdefault(c.upper(), t.get("canonical", t["name"]))
    return out


def doc_type_names() -> list[str]:
    """Type names, longest first, so 'Nghị quyết liên tịch' wins over 'Nghị quyết'."""
    return sorted((t["name"] for t in _doc_types()), key=len, reverse=True)


@lru_cache(maxsize=None)
def doc_types_with_role(role: str) -> frozenset:
    """The type names of a role in the lexicon: 'plan' or 'rules'."""
    return frozenset(t["name"] for t in _doc_types() if t.get("role") == role)


def doc_type_codes(name: Optional[str]) -> tuple[str, ...]:
    """The type codes of a document type ('Công văn' → ('CV',))."""
    return tuple(next((t["codes"] for t in _doc_types() if t["name"] == name), ()))


def doc_type_from_word(word: str) -> Optional[str]:
    return _type_by_fold().get(fold(" ".join(word.split())))


def doc_type_from_code(code: str) -> Optional[str]:
    table = _type_by_code()
    return table.get(code) or table.get(code.upper())


_TYPE_CODE = regex.compile(r"(?:^|/)\d*(?:/\d{4})?/?([A-Za-zĐđ]+)-")
_PARTY_CODE = regex.compile(r"\d+[a-z]?-([A-Za-zĐđ]+)/")
_CONGRESS_NUMBER = regex.compile(r"\d+/(?:\d{4}/)?QH\d+$")
_OFFICE_NUMBER = regex.compile(r"\d+/[A-ZĐ][A-Za-zĐđ]*-[A-ZĐ]")


def doc_type_from_number(number: str) -> Optional[str]:
    """'341/NQ-HĐND' → Nghị quyết; '23-NQ/TW' → Nghị quyết; '5973/UBND-KT' → Công văn."""
    n = number.replace(" ", "")
    m = _TYPE_CODE.search(n)
    party = _PARTY_CODE.match(n)
    code = party.group(1) if party else (m.group(1) if m else None)
    if code:
        found = doc_type_from_code(code)
        if found:
            return found
    if _CONGRESS_NUMBER.match(n):
        return None
    if _OFFICE_NUMBER.match(n):
        return "Công văn"      # administrative công văn: số/CQ-ĐƠN VỊ, no type code
    return None


@lru_cache(maxsize=None)
def _provinces() -> list[tuple[str, str]]:
    return [tuple(p) for p in load("provinces.json")["provinces"]]


@lru_cache(maxsize=None)
def _province_by_fold() -> dict[str, tuple[str, str]]:
    return {fold(name): (name, kind) for name, kind in _provinces()}


_PROVINCE_WORD = regex.compile(r"^(tinh|thanh pho)\s+")


def province(name: str) -> Optional[tuple[str, str]]:
    """(official spelling, kind) for a province name however it was printed."""
    key = fold(" ".join(name.replace("TP.", "").replace("Tp.", "").split()))
    key = _PROVINCE_WORD.sub("", key)
    if key in _province_by_fold():
        return _province_by_fold()[key]
    return None


@lru_cache(maxsize=None)
def _province_pattern():
    names = sorted((fold(n) for n, _ in _provinces()), key=len, reverse=True)
    return regex.compile(r"\b(?:(?:tinh|thanh pho)\s+)?(" + "|".join(regex.escape(n) for n in names) + r")\b")


def provinces_in(folded_text: str) -> list[str]:
    """Official names of the provinces mentioned in a folded text, in order."""
    out = []
    for m in _province_pattern().finditer(folded_text):
        p = province(m.group(1))
        if p:
            out.append(p[0])
    return out


@lru_cache(maxsize=None)
def _caps_words() -> list[tuple[str, str]]:
    words = load("titles.json")["words"]
    return sorted(words.items(), key=lambda kv: len(kv[0]), reverse=True)


@lru_cache(maxsize=None)
def _caps_words_by_first() -> dict[str, list[tuple[str, str]]]:
    """_caps_words by their first character, each list longest first: only those can
    start where the line has that character."""
    out: dict[str, list[tuple[str, str]]] = {}
    for caps, written in _caps_words():
        out.setdefault(caps[:1], []).append((caps, written))
    return out


@lru_cache(maxsize=None)
def signer_titles() -> tuple[str, ...]:
    """Signer titles in capitals, longest first ('PHÓ CHỦ TỊCH' before 'CHỦ TỊCH')."""
    return tuple(sorted(load("titles.json")["signer_titles"], key=len, reverse=True))


def is_body_name(text: str) -> bool:
    """A body named in capitals as a whole ('BAN BÍ THƯ', 'BAN THƯỜNG VỤ')."""
    return " ".join(text.split()) in load("titles.json")["words"] and \
        " ".join(text.split()) not in signer_titles()


def proper_case(text: str) -> str:
    """Write a line printed in capitals in its usual case ('PHÓ CHỦ TỊCH' → 'Phó Chủ tịch')."""
    text = " ".join(text.split())
    if not text or sum(c.isupper() for c in text) < 0.6 * sum(c.isalpha() for c in text):
        return text
    out, i = [], 0
    upper = text
    by_first = _caps_words_by_first()
    while i < len(upper):
        for caps, written in by_first.get(upper[i], ()):
            if upper.startswith(caps, i) and (i + len(caps) == len(upper) or not upper[i + len(caps)].isalpha()):
                out.append(written)
                i += len(caps)
                break
        else:
            j = i
            while j < len(upper) and (upper[j].isalpha() or upper[j] in "-&"):
                j += 1
            if j == i:
                out.append(upper[i])
                i += 1
            else:
                out.append(upper[i:j])
                i = j
    result = "".join(out)
    # words not in the table: the first word of a name and the word after "và" keep their
    # capital ("Sở Nông nghiệp và Môi trường"), the others are lower case
    words = result.split(" ")
    for k, w in enumerate(words):
        if _CAPS_WORD.fullmatch(w) and w not in _KEEP_CAPS:
            prev = words[k - 1] if k else ""
            starts_name = not prev or prev in ("và", "Sở", "Bộ", "Ban", "Cục", "Vụ", "Tổng", "Văn", "Viện", "Trung")
            words[k] = w[0] + w[1:].lower() if starts_name or prev[:1].isupper() and k == 1 else w.lower()
    return " ".join(words).replace("Công thương", "Công Thương")


_CAPS_WORD = regex.compile(r"\p{Lu}[\p{Lu}\-]+")
_KEEP_CAPS = {"UBND", "HĐND", "MTTQ", "TW", "VN", "CP", "KH&CN", "KH&ĐT", "TN&MT"}


_PROVINCE_NAMED = regex.compile(r"(?i)\b(tỉnh|thành phố|tp\.?)\s+(.+)$")


def province_case(text: str) -> str:
    """'TỈNH HUNG YÊN' → 'tỉnh Hưng Yên' using the province list."""
    m = _PROVINCE_NAMED.search(text)
    if not m:
        return text
    p = province(m.group(2))
    if not p:
        return text
    return text[:m.start()] + f"{p[1]} {p[0]}"
