"""Synthetic committee-evidence PDFs drawn with reportlab, in the shape Word exports them.

A4, an embedded TrueType font (DejaVu Sans, as Word embeds its fonts), a title in large type on
page 1, a running header and page numbers, numbered paragraphs set ragged-right with the odd
hyphenated line break, superscript footnote markers glued to the word before them (drawn in the
same text object with a rise, as Word writes them) and footnotes in small type at the page foot
under a short separator rule; one document in eight has a ruled table with a "Table 1" caption.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from benchmarks import prose

FONT, BOLD = "BenchSans", "BenchSans-Bold"
_FONT_FILES = {FONT: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
               BOLD: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"}
WIDTH, HEIGHT = A4
LEFT, RIGHT = 72.0, WIDTH - 72.0
TOP, FOOT = HEIGHT - 80.0, 72.0
BODY, LEADING = 11.0, 15.0
NOTE, NOTE_LEADING = 8.0, 10.5


def _fonts() -> None:
    for name, path in _FONT_FILES.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, path))


@dataclass
class _Token:
    word: str
    marker: str | None = None  # a footnote number glued to the word


@dataclass
class _Page:
    number: int
    notes: list[str] = field(default_factory=list)

    def floor(self) -> float:
        return FOOT + (NOTE_LEADING * len(self.notes) + 8 if self.notes else 0)


class _Writer:
    """Lays out paragraphs line by line until the wanted number of pages is full."""

    def __init__(self, rng: random.Random, title: str, header: str, pages: int) -> None:
        _fonts()
        self.rng = rng
        self.buffer = io.BytesIO()
        self.c = canvas.Canvas(self.buffer, pagesize=A4, pageCompression=1)
        self.c.setTitle(title)
        self.header = header
        self.pages = pages
        self.page = _Page(1)
        self.y = TOP
        self.full = False
        self.footnotes = 0
        self._widths: dict[tuple[str, str, float], float] = {}

    def width(self, text: str, font: str = FONT, size: float = BODY) -> float:
        key = (text, font, size)
        if key not in self._widths:
            self._widths[key] = pdfmetrics.stringWidth(text, font, size)
        return self._widths[key]

    def title(self, text: str) -> None:
        for line in self._wrap([_Token(w) for w in text.split()], 16.0, BOLD):
            self.c.setFont(BOLD, 16.0)
            self.c.drawString(LEFT, self.y, " ".join(t.word for t in line))
            self.y -= 22
        self.y -= 12

    def _wrap(self, tokens: list[_Token], size: float, font: str, indent: float = 0.0) -> list[list[_Token]]:
        lines: list[list[_Token]] = []
        line: list[_Token] = []
        used = indent
        space = self.width(" ", font, size)
        queue = list(tokens)
        while queue:
            token = queue.pop(0)
            w = self.width(token.word, font, size)
            extra = w + (space if line else 0)
            if used + extra <= RIGHT - LEFT:
                line.append(token)
                used += extra
                continue
            cut = self._hyphen_point(token.word, RIGHT - LEFT - used - space, font, size) if line else 0
            if cut:
                line.append(_Token(token.word[:cut] + "-"))
                queue.insert(0, _Token(token.word[cut:], token.marker))
            else:
                queue.insert(0, token)
            lines.append(line)
            line, used = [], indent
            if not lines[-1]:  # a word wider than the line: place it alone
                lines[-1] = [queue.pop(0)]
        if line:
            lines.append(line)
        return lines

    def _hyphen_point(self, word: str, room: float, font: str, size: float) -> int:
        if len(word) < 8 or not word.isalpha() or not word.islower() or self.rng.random() < 0.5:
            return 0
        for cut in range(len(word) - 3, 2, -1):
            if self.width(word[:cut] + "-", font, size) <= room:
                return cut
        return 0

    def paragraph(self, text: str, label: str = "", size: float = BODY, font: str = FONT) -> None:
        tokens = [_Token(w) for w in text.split()]
        if self.rng.random() < 0.35 and len(tokens) > 4:
            # A footnote marker after a figure or at a sentence end, as evidence cites its sources.
            spot = next((i for i, t in enumerate(tokens) if any(ch.isdigit() for ch in t.word)),
                        self.rng.randrange(len(tokens)))
            self.footnotes += 1
            tokens[spot].marker = str(self.footnotes)
        indent = 24.0 if label else 0.0
        for index, line in enumerate(self._wrap(tokens, size, font, indent)):
            marked = [t.marker for t in line if t.marker]
            if self.y - LEADING < self.page.floor() + NOTE_LEADING * len(marked) and not self.next_page():
                return
            if label and index == 0:
                self.c.setFont(font, size)
                self.c.drawString(LEFT, self.y, label)
            self._line(line, LEFT + indent, size, font)
            for marker in marked:
                self.page.notes.append(f"{marker}|{prose.sentence(self.rng)[:90]}")
            self.y -= LEADING
        self.y -= 6

    def _line(self, line: list[_Token], x: float, size: float, font: str) -> None:
        text = self.c.beginText(x, self.y)
        text.setFont(font, size)
        run: list[str] = []
        for i, token in enumerate(line):
            run.append(token.word)
            if token.marker:
                text.textOut(" ".join(run))
                run = []
                text.setFont(font, size * 0.6)
                text.setRise(size * 0.35)
                text.textOut(token.marker)
                text.setRise(0)
                text.setFont(font, size)
                if i < len(line) - 1:
                    text.textOut(" ")
        if run:
            text.textOut(" ".join(run))
        self.c.drawText(text)

    def table(self, rows: list[tuple[str, ...]], caption: str) -> None:
        height = 18.0 * len(rows) + 30
        if self.y - height < self.page.floor() and not self.next_page():
            return
        self.paragraph(caption, font=BOLD)
        col = (RIGHT - LEFT) / len(rows[0])
        top = self.y + 4
        self.c.setLineWidth(0.5)
        for r, row in enumerate(rows):
            y = top - 18 * r
            self.c.line(LEFT, y, RIGHT, y)
            self.c.setFont(BOLD if r == 0 else FONT, 9)
            for k, cell in enumerate(row):
                self.c.drawString(LEFT + k * col + 4, y - 13, cell)
        bottom = top - 18 * len(rows)
        self.c.line(LEFT, bottom, RIGHT, bottom)
        for k in range(len(rows[0]) + 1):
            self.c.line(LEFT + k * col, top, LEFT + k * col, bottom)
        self.y = bottom - 20

    def _finish_page(self) -> None:
        c = self.c
        c.setFont(FONT, 9)
        c.drawString(LEFT, HEIGHT - 45, self.header)
        c.drawCentredString(WIDTH / 2, 40, str(self.page.number))
        if self.page.notes:
            y = FOOT + NOTE_LEADING * (len(self.page.notes) - 1)
            c.setLineWidth(0.5)
            c.line(LEFT, y + 12, LEFT + 140, y + 12)
            for note in self.page.notes:
                number, text = note.split("|", 1)
                t = c.beginText(LEFT, y)
                t.setFont(FONT, NOTE * 0.75)
                t.setRise(3)
                t.textOut(number)
                t.setRise(0)
                t.setFont(FONT, NOTE)
                t.textOut(" " + text)
                c.drawText(t)
                y -= NOTE_LEADING
        c.showPage()

    def next_page(self) -> bool:
        """Starts a new page; False (and the document is complete) when the last page is full."""
        if self.page.number >= self.pages:
            self.full = True
            return False
        self._finish_page()
        self.page = _Page(self.page.number + 1)
        self.y = TOP
        return True

    def close(self) -> bytes:
        self._finish_page()
        self.c.save()
        return self.buffer.getvalue()


def evidence_pdf(rng: random.Random, title: str, pages: int) -> bytes:
    """A written-evidence PDF of exactly `pages` pages (the last one may be part-filled)."""
    org = title.removeprefix("Written evidence submitted by ")
    w = _Writer(rng, title, f"Written evidence submitted by {org}", pages)
    w.title(title)
    with_table = rng.random() < 0.125
    number = 0
    while not w.full:
        number += 1
        if rng.random() < 0.12:
            w.paragraph(rng.choice(prose.OBJECTS).capitalize(), font=BOLD)
        if rng.random() < 0.1:
            for _ in range(rng.randint(2, 4)):
                w.paragraph(prose.sentence(rng), label="\u2022")
        w.paragraph(prose.paragraph(rng), label=f"{number}.")
        if with_table and number == 5:
            header = ("Platform", "Referred", "Removed", "Still online")
            w.table([header, *prose.table_rows(rng, rng.randint(3, 7))], "Table 1: Referrals by platform")
        if number > 60 * pages:  # a guard: every paragraph fills some of a page
            break
    return w.close()
