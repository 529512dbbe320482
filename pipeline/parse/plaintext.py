"""Plain text → Document: blank lines separate paragraphs, bullets start list items."""

from __future__ import annotations

import re

from pipeline.document import Document
from pipeline.parse.assemble import Para, build_document
from pipeline.parse.text import clean, join_lines, same_text

_BULLET = re.compile(r"^\s*(?:[•●▪◦*]|-(?=\s))\s*")


def parse_text(content: bytes, *, title_hint: str | None = None) -> Document:
    """The first non-empty line is the title, unless metadata gave one (title_hint)."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", "replace")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if title_hint:
        title = clean(title_hint)
        if lines and same_text(lines[0], title):
            lines = lines[1:]
    else:
        title = clean(lines.pop(0)) if lines else ""
    return build_document(title, _paragraphs(lines))


def _paragraphs(lines: list[str]) -> list[Para]:
    items: list[Para] = []
    current: list[str] = []
    kind = "paragraph"

    def close() -> None:
        if current:
            joined = current[0]
            for line in current[1:]:
                joined = join_lines(joined, line)
            text = clean(joined)
            if text:
                items.append(Para(text, kind))
            current.clear()

    for line in lines:
        if not line.strip():
            close()
            continue
        if _BULLET.match(line):
            close()
            kind = "list_item"
            current.append(_BULLET.sub("", line, count=1))
            continue
        if not current:
            kind = "paragraph"
        current.append(line)
    close()
    return items
