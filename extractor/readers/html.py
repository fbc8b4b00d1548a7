"""HTML: tags stripped, block elements as lines, table cells joined by tabs."""
from __future__ import annotations

from html.parser import HTMLParser

from ..models import RawDocument, RawPage, RawTable
from .text import decode

BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table",
         "section", "article", "header", "footer", "blockquote", "pre", "ul", "ol", "hr",
         "dd", "dt", "title"}
SKIP = {"script", "style", "head", "noscript", "template"}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.tables: list[list[list[str]]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
            if self.parts and not self.parts[-1].endswith(("\n", "\t")) and self._row:
                self.parts.append("\t")
        if tag in BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None and self.tables:
            self.tables[-1].append(self._row)
            self._row = None
        if tag in BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.skip:
            return
        self.parts.append(data.replace("\n", " "))
        if self._cell is not None:
            self._cell.append(data)


def html_to_text(source: str) -> tuple[str, list[list[list[str]]]]:
    c = _Collector()
    c.feed(source)
    c.close()
    lines = [" ".join(l.split(" ")).strip(" ") for l in "".join(c.parts).split("\n")]
    return "\n".join(lines), c.tables


def read_html(path, data: bytes) -> RawDocument:
    text, tables = html_to_text(decode(path, data))
    return RawDocument(path=str(path), format="html", pages=[RawPage(text=text)],
                       tables=[RawTable(rows=t) for t in tables if t])
