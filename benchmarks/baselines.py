"""The parsers the fast path is measured against, run through the same process/extract/load code.

* `bs4_html`: BeautifulSoup with Python's `html.parser`, page furniture dropped by tag and class,
  one block per paragraph, list item, heading and table row.
* `plumber_pdf`: pdfplumber `extract_text()` on every page (each page closed after use, the
  memory fix of reference/performance.md §1), lines grouped into numbered paragraphs. Tables are
  not searched for, so the baseline does strictly less work than the real parser: the ratios
  against it understate the speed-up.

They are deliberately simple, but they produce `Document`s the extractor reads like any other, so
a baseline run exercises exactly the pipeline a naive implementation would have."""

from __future__ import annotations

import io
import re

from pipeline.document import Document
from pipeline.parse.assemble import CellDraft, Para, TableDraft, build_document
from pipeline.parse.text import clean

_FURNITURE_TAGS = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "svg"]
_FURNITURE_CLASS = re.compile(r"cookie|share|breadcrumb|social|skip|related|banner", re.I)
_BLOCKS = ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table"]
_NUMBERED = re.compile(r"^(?:\d{1,3}\.|[•●▪])\s")


def bs4_html(content: bytes, title_hint: str | None = None) -> Document:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(content, "html.parser")
    for el in soup.find_all(_FURNITURE_TAGS):
        el.decompose()
    for el in soup.find_all(class_=_FURNITURE_CLASS):
        el.decompose()
    main = soup.find("main") or soup.body or soup
    h1 = main.find("h1")
    title = clean(h1.get_text(" ")) if h1 else clean(title_hint or "")
    items: list[Para | TableDraft] = []
    for el in main.find_all(_BLOCKS):
        if el.find_parent(["table", "li"]) is not None or el is h1:
            continue
        if el.name == "table":
            rows = [[CellDraft(clean(c.get_text(" "))) for c in tr.find_all(["td", "th"])] for tr in el.find_all("tr")]
            rows = [r for r in rows if r]
            if rows:
                items.append(TableDraft(rows, 1))
            continue
        text = clean(el.get_text(" "))
        if text:
            items.append(Para(text, "heading" if el.name.startswith("h") else "paragraph"))
    return build_document(title, items)


def plumber_pdf(content: bytes, title_hint: str | None = None) -> Document:
    import pdfplumber

    items: list[Para | TableDraft] = []
    current: list[str] = []
    page_of_current = 1

    def close() -> None:
        if current:
            items.append(Para(clean(" ".join(current)), "paragraph", [(0, page_of_current)]))
            current.clear()

    with pdfplumber.open(io.BytesIO(content)) as pdf:
        count = len(pdf.pages)
        for number, page in enumerate(pdf.pages, 1):
            try:
                lines = (page.extract_text() or "").splitlines()
            finally:
                page.close()
            for line in lines:
                if _NUMBERED.match(line) or not current:
                    close()
                    page_of_current = number
                current.append(line)
    close()
    title = clean(title_hint or "") or (items[0].text if items else "")
    return build_document(title, items, page_count=count)


def parse_baseline(content: bytes, content_type: str, *, title_hint: str | None = None,
                   body_selector: str | None = None, title_selector: str | None = None) -> Document:
    """Drop-in for `pipeline.parse.parse` (same signature) that uses the baseline parsers."""
    if content_type == "html":
        return bs4_html(content, title_hint)
    if content_type == "pdf":
        return plumber_pdf(content, title_hint)
    raise ValueError(f"no baseline parser for {content_type!r}")
