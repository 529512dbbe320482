"""Builds the six PDF documents of the held-out set (h15.pdf to h20.pdf) with reportlab.

The PDFs are laid out by hand rather than with platypus so that the features the parser must cope
with land exactly where the labels expect them: a running header and a page number on every page,
a word hyphenated across a line break (written `refer-\\nred` in the text below), a footnote marker
set as a raised small digit glued to a figure (written `1,012^2`), ruled tables, and several pages.

Run from the repository root: `.venv/bin/python tests/holdout/build_pdfs.py`. Output is
deterministic (invariant mode), so rebuilding does not change the committed files.
"""

from __future__ import annotations

import re
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

HERE = Path(__file__).parent
WIDTH, HEIGHT = A4
LEFT, RIGHT, TOP, BOTTOM = 72, WIDTH - 72, HEIGHT - 60, 60
BODY, LEADING = 10.5, 15
SUP = re.compile(r"\^(\d+)")


def _words(text: str) -> list[tuple[str, str, bool]]:
    """Splits a paragraph into (word, superscript, forced_break_after) triples."""
    out = []
    for token in text.split(" "):
        parts = token.split("\n")
        for i, part in enumerate(parts):
            m = SUP.search(part)
            word, sup = (part[:m.start()] + part[m.end():], m.group(1)) if m else (part, "")
            out.append((word, sup, i < len(parts) - 1))
    return out


def _lines(text: str, font: str, size: float, width: float) -> list[list[tuple[str, str]]]:
    lines, line, used = [], [], 0.0
    space = stringWidth(" ", font, size)
    for word, sup, forced in _words(text):
        w = stringWidth(word, font, size) + stringWidth(sup, font, size * 0.6)
        if line and used + space + w > width:
            lines.append(line)
            line, used = [], 0.0
        used += (space if line else 0) + w
        line.append((word, sup))
        if forced:
            lines.append(line)
            line, used = [], 0.0
    if line:
        lines.append(line)
    return lines


class Writer:
    """Keeps the pen position on the current page and draws the running header and footer."""

    def __init__(self, path: Path, doc: dict):
        self.c = Canvas(str(path), pagesize=A4, invariant=1)
        self.c.setTitle(doc["title"])
        self.c.setAuthor(doc["author"])
        self.doc = doc
        self.page = 0
        self.footnotes: list[str] = []

    def start_page(self) -> None:
        self.page += 1
        c, d = self.c, self.doc
        c.setFont("Helvetica", 8)
        c.drawString(LEFT, HEIGHT - 36, d["header_left"])
        c.drawRightString(RIGHT, HEIGHT - 36, d["header_right"])
        c.setLineWidth(0.4)
        c.line(LEFT, HEIGHT - 40, RIGHT, HEIGHT - 40)
        number = d["footer"].format(n=self.page + d.get("first_page", 1) - 1, total=d["pages"])
        c.drawCentredString(WIDTH / 2, 34, number)
        self.y = TOP

    def end_page(self) -> None:
        if self.footnotes:
            y = BOTTOM + 6 + 11 * (len(self.footnotes) - 1)
            self.c.line(LEFT, y + 12, LEFT + 120, y + 12)
            for note in self.footnotes:
                self.text_line(_lines(note, "Helvetica", 8, RIGHT - LEFT)[0], y, "Helvetica", 8)
                y -= 11
            self.footnotes = []
        self.c.showPage()

    def text_line(self, line: list[tuple[str, str]], y: float, font: str, size: float) -> None:
        x = LEFT
        for i, (word, sup) in enumerate(line):
            if i:
                x += stringWidth(" ", font, size)
            self.c.setFont(font, size)
            self.c.drawString(x, y, word)
            x += stringWidth(word, font, size)
            if sup:
                self.c.setFont(font, size * 0.6)
                self.c.drawString(x, y + size * 0.4, sup)
                x += stringWidth(sup, font, size * 0.6)

    def paragraph(self, text: str, font: str = "Helvetica", size: float = BODY, after: float = 8) -> None:
        for line in _lines(text, font, size, RIGHT - LEFT):
            self.text_line(line, self.y, font, size)
            self.y -= size * 1.45
        self.y -= after

    def table(self, caption: str, rows: list[list[str]]) -> None:
        self.paragraph(caption, "Helvetica-Bold", 9.5, after=2)
        widths = [170] + [90] * (len(rows[0]) - 1)
        xs = [LEFT]
        for w in widths:
            xs.append(xs[-1] + w)
        top = self.y + 12
        ys = [top - 18 * i for i in range(len(rows) + 1)]
        self.c.setLineWidth(0.6)
        self.c.grid(xs, ys)
        for r, row in enumerate(rows):
            font = "Helvetica-Bold" if r == 0 else "Helvetica"
            self.c.setFont(font, 9.5)
            base = ys[r] - 13
            for i, cell in enumerate(row):
                if i == 0:
                    self.c.drawString(xs[i] + 4, base, cell)
                else:
                    self.c.drawRightString(xs[i + 1] - 6, base, cell)
        self.y = ys[-1] - 20


def build(name: str, doc: dict) -> None:
    w = Writer(HERE / name, doc)
    for blocks in doc["body"]:
        w.start_page()
        for kind, *args in blocks:
            if kind == "title":
                w.paragraph(args[0], "Helvetica-Bold", 14, after=12)
            elif kind == "h":
                w.paragraph(args[0], "Helvetica-Bold", 11.5, after=4)
            elif kind == "p":
                w.paragraph(args[0])
            elif kind == "table":
                w.table(*args)
            elif kind == "fn":
                w.footnotes.append(args[0])
            else:
                raise ValueError(f"{name}: unknown block kind {kind!r}")
        w.end_page()
    w.c.save()


DOCS = {
    "h15.pdf": {
        "title": "Written evidence submitted by the Solent Maritime Intelligence Hub (SBC0077)",
        "author": "Solent Maritime Intelligence Hub",
        "header_left": "SBC0077", "header_right": "Solent Maritime Intelligence Hub - written evidence",
        "footer": "Page {n} of {total}", "pages": 3,
        "body": [
            [("title", "Written evidence submitted by the Solent Maritime Intelligence Hub (SBC0077)"),
             ("p", "1. The Solent Maritime Intelligence Hub (SMIH) is a partnership of four port operators and two "
                   "police forces^1, formed in 2019."),
             ("p", "2. Between 1 January and 30 June 2024 SMIH analysts refer-\nred 1,906 posts and accounts to "
                   "online platforms for removal."),
             ("p", "3. The table below shows our referrals by platform over the same six months and how many had "
                   "been removed as at 31 July 2024."),
             ("table", "Table 1: Referrals January to June 2024 and removals as at 31 July 2024",
              [["Platform", "Referred", "Removed"], ["Facebook", "884", "797"], ["Instagram", "611", "540"],
               ["TikTok", "411", "388"]]),
             ("fn", "^1 Hampshire and Isle of Wight Constabulary, and Sussex Police.")],
            [("p", "4. In the second quarter of 2024 alone we reported 1,012^2 items, of which 957 were removed."),
             ("p", "5. Our analysts spend around 30 hours a week on this work. In the same period they reviewed "
                   "upwards of 12,000 posts that did not warrant referral."),
             ("p", "6. Telegram remains the hardest platform to engage: it offers no trusted-flagger route for UK "
                   "organisations, and we have stopped counting our reports to it separately."),
             ("fn", "^2 Provisional figure.")],
            [("p", "7. We would welcome the Committee asking X and YouTube why they do not publish the time they "
                   "take to decide on a report."),
             ("p", "8. We are grateful for the opportunity to submit evidence."),
             ("p", "August 2024")],
        ],
    },
    "h16.pdf": {
        "title": "Caledonian Crime Reduction Partnership: Annual Report 2021/22",
        "author": "Caledonian Crime Reduction Partnership",
        "header_left": "Caledonian Crime Reduction Partnership", "header_right": "Annual Report 2021/22",
        "footer": "{n}", "pages": 2, "first_page": 12,
        "body": [
            [("title", "Caledonian Crime Reduction Partnership: Annual Report 2021/22"),
             ("h", "4. Online disruption"),
             ("p", "4.1 The Online Disruption Desk was created in 2019 and has seven analysts. Its budget for "
                   "2021/22 was \u00a31.9m."),
             ("p", "4.2 During 2021/22 the Desk submitted 2,385 refer-\nrals to social media companies, an increase "
                   "of 18 per cent on the previous year."),
             ("p", "4.3 Some 71 per cent of the referred material was removed. At 31 March 2022, a further 9 per cent "
                   "was still being considered by the platforms."),
             ("p", "4.4 Snapchat accounted for 640^3 of the referrals made in 2021/22, up from 212 in 2020/21. "
                   "Facebook and TikTok remained the platforms most often used by offenders."),
             ("fn", "^3 Includes reports made through the in-app reporting tool.")],
            [("p", "4.5 Looking ahead, in 2022/23 the Desk aims to refer 3,000 items and to bring the average time "
                   "to a decision below 72 hours."),
             ("p", "4.6 Police Scotland and the National Crime Agency seconded 3 officers to the Desk during the "
                   "year."),
             ("h", "5. Community safety"),
             ("p", "5.1 Over 4,500 young people attended our online safety workshops in 2021/22.")],
        ],
    },
    "h17.pdf": {
        "title": "An inspection of online referral work by the Border Enforcement Online Unit",
        "author": "Independent Reviewer of Online Border Enforcement",
        "header_left": "An inspection of online referral work", "header_right": "March 2023",
        "footer": "Page {n}", "pages": 3,
        "body": [
            [("title", "An inspection of online referral work by the Border Enforcement Online Unit"),
             ("h", "3. Referral volumes and outcomes"),
             ("p", "3.13 Inspec-\ntors interviewed 31 members of staff and examined a sample of case files."),
             ("p", "3.14 Data provided by the unit showed that it referred 5,870 URLs to hosting services and social "
                   "media companies in the 2021 calendar year, and 6,915^4 in 2022."),
             ("p", "3.15 The unit could not say with confidence how many of its 2022 referrals had been acted on. Of "
                   "the URLs referred in 2022, its dashboard recorded 4,260 as removed and 1,033 as refused as at "
                   "31 January 2023, with the remainder marked \u201cunknown\u201d."),
             ("fn", "^4 Figure supplied by the unit; not independently verified.")],
            [("p", "3.16 Figure 5 shows the 2022 referrals by platform."),
             ("table", "Figure 5: URLs referred in 2022 and removed as at 31 January 2023, by platform",
              [["Platform", "Referred", "Removed"], ["Facebook", "2,410", "1,602"], ["YouTube", "1,388", "1,291"],
               ["Other platforms", "3,117", "1,367"]]),
             ("p", "3.17 Telegram accounted for a large share of the \u201cother platforms\u201d category, but the "
                   "unit could not break it down further.")],
            [("h", "Recommendations"),
             ("p", "R2 Within 3 months, the unit should start recording the outcome of every referral, including "
                   "those made to Instagram and TikTok.")],
        ],
    },
    "h18.pdf": {
        "title": "Referral without resolution? Evidence from community monitors",
        "author": "Kingsbridge Centre for Digital Harms",
        "header_left": "Kingsbridge Centre for Digital Harms", "header_right": "Briefing No. 7",
        "footer": "- {n} -", "pages": 2,
        "body": [
            [("title", "Referral without resolution? Evidence from community monitors"),
             ("p", "Community monitors are volunteers who search social media for adverts aimed at migrants. We "
                   "interviewed 42 monitors working in 6 languages; the number of active monitors grew by 40% over "
                   "the year."),
             ("p", "Between January and May 2022 the monitors submitted 730^1 reports about smuggling content to the "
                   "platforms, mostly through the in-app tools on Facebook, Instagram and TikTok."),
             ("p", "By 20 June, 52% of the reported items had been taken down and 38% were still live; the platforms "
                   "had not responded on the rest."),
             ("fn", "^1 Excludes duplicate reports of the same page.")],
            [("p", "Vietnamese-language adverts were the least likely to be removed. Of the 64 Zalo groups reported "
                   "between January and May, only 11 were closed."),
             ("p", "Chinese-language adverts on WeChat and Douyin were rare, and the commu-\nnity monitors we spoke "
                   "to had little success reporting them."),
             ("p", "Recommendation: platforms should acknowledge every report within 48 hours.")],
        ],
    },
    "h19.pdf": {
        "title": "Supplementary written evidence submitted by the Dover Strait Online Taskforce (SBC0112)",
        "author": "Dover Strait Online Taskforce",
        "header_left": "SBC0112", "header_right": "Dover Strait Online Taskforce - supplementary written evidence",
        "footer": "Page {n}", "pages": 2,
        "body": [
            [("title", "Supplementary written evidence submitted by the Dover Strait Online Taskforce (SBC0112)"),
             ("p", "1. At the session on 5 November the Chair asked (Q88) how many pages we had referred since our "
                   "last submission, and the Member for Folkestone and Hythe asked (Q91) about VK and "
                   "Odnoklassniki."),
             ("p", "2. From 1 April to 30 September 2024 the Taskforce referred 1,152 pages, groups and accounts, of "
                   "which 1,019^1 had been closed by 31 October."),
             ("table", "Table A: Referrals by platform, 1 April to 30 September 2024",
              [["Platform", "Pages referred"], ["Facebook", "744"], ["Instagram", "230"], ["TikTok", "140"],
               ["VK", "38"]]),
             ("fn", "^1 Closed by the platform, or deleted by the page owner after our report.")],
            [("p", "3. Between April and September we referred thirty-eight VK pages; none were removed, and VK has "
                   "not replied to our correspondence."),
             ("p", "4. We no longer count reports about WhatsApp channels separately, because WhatsApp does not tell "
                   "us what happened to them. Our partner organ-\nisations take the same approach."),
             ("p", "5. The Taskforce has 9 staff and is funded until March 2026.")],
        ],
    },
    "h20.pdf": {
        "title": "Humber Ports Policing Board: Quarterly performance report, July to September 2023",
        "author": "Humber Ports Policing Board",
        "header_left": "Agenda item 6", "header_right": "Board meeting 15 November 2023",
        "footer": "Page {n} of {total}", "pages": 2,
        "body": [
            [("title", "Humber Ports Policing Board: Quarterly performance report, July to September 2023"),
             ("p", "1.1 This paper asks Board mem-\nbers to note performance in the second quarter of 2023/24."),
             ("h", "2. Online disruption"),
             ("p", "2.1 Between July and September the Online Team referred 377 posts, pages and profiles to the "
                   "platforms, compared with 341 between April and June."),
             ("p", "2.2 Of these, 301^2 were removed and 19 were refused; the other 57 are pending."),
             ("p", "2.3 The removal rate has risen by 6 percentage points since the last report."),
             ("fn", "^2 Includes profiles suspended while an appeal is considered.")],
            [("p", "2.4 Most new adverts now appear on TikTok rather than Facebook. Instagram and Snapchat were the "
                   "next most common."),
             ("h", "3. Finance"),
             ("p", "3.1 The team's budget of \u00a3312,000 is forecast to underspend by \u00a314,500."),
             ("p", "4. Contact: Chief Inspector R. Hale, 01632 960 552.")],
        ],
    },
}


if __name__ == "__main__":
    for file_name, spec in DOCS.items():
        build(file_name, spec)
        print("wrote", HERE / file_name)
