"""Plain text and markdown-ish text (the output of PDF-to-markdown converters)."""
from __future__ import annotations

import re

import regex

from ..models import RawDocument, RawPage

# Legacy Windows Vietnamese: precomposed letters are rare, tone marks are combining
# characters in the 0xCC/0xD2/0xDE/0xEC/0xF2 slots.
CP1258_TONES = {0xCC, 0xD2, 0xDE, 0xEC, 0xF2}


def decode(path, data: bytes) -> str:
    from . import ReadError
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4000]:
        # UTF-16 without a BOM has a zero in every other byte of ASCII text.
        zeros_odd = data[1:4000:2].count(0)
        zeros_even = data[0:4000:2].count(0)
        if max(zeros_odd, zeros_even) > 0.3 * min(len(data), 4000) / 2:
            return data.decode("utf-16-le" if zeros_odd > zeros_even else "utf-16-be",
                               errors="replace")
        raise ReadError(path, "binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from ..legacy import detect
    cp1258 = data.decode("cp1258", errors="replace") if any(b in CP1258_TONES for b in data) else None
    share = vietnamese_share(cp1258) if cp1258 else 0.0
    if share < 0.15 and detect(data.decode("latin-1")):
        return data.decode("latin-1")          # TCVN3 or VNI bytes, converted by the reader
    if share > 0.05:
        return cp1258
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") > max(20, len(text) // 50):
        raise ReadError(path, "not valid text in UTF-8, UTF-16 or cp1258")
    return text


def vietnamese_share(text: str) -> float:
    """Share of letters that are Vietnamese's own (about a third in real text; a legacy
    encoding misread as cp1258 gives a tenth or less)."""
    import unicodedata
    sample = unicodedata.normalize("NFC", text[:20000])
    viet = len(regex.findall(r"[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", sample))
    letters = len(regex.findall(r"\p{L}", sample))
    return viet / letters if letters else 0.0


def read_text(path, data: bytes) -> RawDocument:
    from . import ReadError
    text = decode(path, data)
    if text.count("\x00") or _control_share(text) > 0.05:
        raise ReadError(path, "binary data, not text")
    fmt = "md" if str(path).lower().endswith((".md", ".markdown")) else "txt"
    return RawDocument(path=str(path), format=fmt, pages=_split_form_feeds(strip_markup(text)))


# A plain character class: the standard library's re counts it several times faster.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def _control_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    return len(_CONTROL.findall(sample)) / len(sample)


def _split_form_feeds(text: str) -> list[RawPage]:
    """A form feed is a page break (pdftotext writes one per page)."""
    parts = text.split("\f")
    if len(parts) == 1:
        return [RawPage(text=text)]
    return [RawPage(text=p, number=i + 1) for i, p in enumerate(parts)]


# ----------------------------------------------------------------- markup removal
_MARKER_AFTER = (r"(?:[IVXLC]{1,6}\s*[.\-–]\s|\d{1,2}(?:\.\d{1,2}){0,3}\.?\s|[a-zđ]\)\s|\(\d{1,2}\)\s"
                 r"|Điều\s+\d|ĐIỀU\s+\d|Chương\s|CHƯƠNG\s|Mục\s+\d|MỤC\s+\d|Phần\s|PHẦN\s)")
# "TIÊU**1. Quan điểm**": a bold run opening right after text starts a new line.
_GLUED_OPEN = regex.compile(r"(?<=[^\s*])\*{2,3}(?=" + _MARKER_AFTER + ")")


# Each step below scans the whole document, and the regex module scans slowly; most
# documents have no markup of a given kind, so a step runs only when the text holds a
# character its pattern needs (a plain substring test, far cheaper than the scan).
_JSONTABLE = regex.compile(r"<jsontable[^>]*>\s*</jsontable>")
_BR = regex.compile(r"(?i)<br\s*/?>")
_INLINE_TAG = regex.compile(r"(?i)</?(?:sup|sub|b|i|u|em|strong|span|font)[^>]*>")
_BOLD_RUN = regex.compile(r"\*{4,6}")
# The next four are ASCII-only and line-anchored: the standard library's re, which scans
# much faster, matches exactly what the regex module did.
_HEADING_HASHES = re.compile(r"(?m)^[ \t]*#{1,6}[ \t]+")
_GRID_ROW = re.compile(r"(?m)^[ \t]*\|(.*)\|[ \t]*$")
# A grid-table border (r"(?m)^[ \t]*\+[-=+:]{3,}\+?[ \t]*$") and a rule line
# (r"(?m)^[ \t]*[-=]{3,}[ \t-]*$"), found from the newline before them: re scans for a
# literal first character fast, and tries '^' at every position slowly.
_GRID_BORDER = re.compile(r"\n[ \t]*\+[-=+:]{3,}\+?[ \t]*(?=\n|\Z)")
_RULE = re.compile(r"\n[ \t]*[-=]{3,}[ \t-]*(?=\n|\Z)")
_EMPHASIS = regex.compile(r"(?<!\*)\*{1,3}(?!\*)")
_ESCAPE = regex.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>\"'])")
_HARD_BREAK = regex.compile(r"\\(?=[ \t]|$)", flags=regex.M)
_UNDERSCORES = regex.compile(r"(?<=\S)_{2,}(?=\S)")


def strip_markup(text: str) -> str:
    """Remove markdown/HTML markup, keeping the characters it wrapped.

    Bold runs glued to each other or to the text before them mark line breaks lost in
    conversion, so they become newlines before the emphasis marks are dropped.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "<" in text:
        text = _JSONTABLE.sub("", text)
        text = _BR.sub("\n", text)
        text = _INLINE_TAG.sub("", text)
    if "**" in text:
        text = _BOLD_RUN.sub("\n", text)                          # "…TỈNH****về …"
        text = _GLUED_OPEN.sub("\n", text)
        text = _split_glued_bold_lines(text)
    if "#" in text:
        text = _HEADING_HASHES.sub("", text)
    text = _GRID_BORDER.sub("\n", "\n" + text)[1:]               # the leading newline opens line 1
    if "|" in text:
        text = _GRID_ROW.sub(_grid_row, text)
    text = _RULE.sub("\n", "\n" + text)[1:]                      # rules, pandoc table borders
    if "*" in text:
        text = _EMPHASIS.sub(_drop_emphasis, text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)                           # backslash escapes
        text = _HARD_BREAK.sub("", text)                           # pandoc hard line break
    if "__" in text:
        text = _UNDERSCORES.sub("", text)
    return text


def _grid_row(m: "regex.Match") -> str:
    """'| left cell | right cell |' → cells apart by a wide gap, as layout text prints
    them, so the normaliser can split the two columns."""
    cells = [c.strip() for c in m.group(1).split("|")]
    return (" " * 8).join(cells)


def _drop_emphasis(m: "regex.Match") -> str:
    """A lone '*' at a line start followed by a space is a bullet, keep it."""
    s, pos = m.string, m.start()
    if m.group() == "*" and (pos == 0 or s[pos - 1] == "\n") and s[pos + 1:pos + 2] == " ":
        return "*"
    return ""


def _split_glued_bold_lines(text: str) -> str:
    """'NGHỊ QUYẾT**CỦA BAN …**': an opening '**' glued to the text before it."""
    out = []
    for line in text.split("\n"):
        if "**" in line:
            parts = line.split("**")
            rebuilt = parts[0]
            for i, part in enumerate(parts[1:], start=1):
                opening = i % 2 == 1
                if opening and rebuilt and not rebuilt[-1].isspace() and part[:1].isupper() \
                        and rebuilt.rstrip("*")[-1:].isupper():
                    rebuilt += "\n**" + part
                else:
                    rebuilt += "**" + part
            line = rebuilt
        out.append(line)
    return "\n".join(out)
