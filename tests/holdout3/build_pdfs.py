"""Builds the six PDF documents of the third held-out set with reportlab.

Every line is placed by hand instead of being flowed by Platypus, so that the traits the extraction
contract asks a parser to undo sit exactly where the labels expect them: a word split by a hyphen at
the end of a line, a footnote marker drawn as a raised small digit glued to a figure, a running
header and a page number on every page, and a ruled table whose cells are read with their row and
column headers. Run it with `.venv/bin/python tests/holdout3/build_pdfs.py`. reportlab's invariant
mode fixes the creation date and document id, so a rebuild reproduces the committed bytes.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

OUT = Path(__file__).resolve().parent
PAGE_W, PAGE_H = A4
LEFT = 70
TEXT_W = PAGE_W - 2 * LEFT
REGULAR, BOLD = "Times-Roman", "Times-Bold"
MARKER = re.compile(r"<sup>(\d+)</sup>")  # `604<sup>1</sup>`: a raised footnote marker after 604
STYLES = {"title": (BOLD, 15, 19), "heading": (BOLD, 12, 16), "para": (REGULAR, 11, 14.5)}

# One entry per document: the file name, the PDF title, the running header (left, right), the footer
# pattern, and its pages. A page is a list of blocks: ("title" | "heading" | "para", [lines]),
# ("table", caption, rows) with the header row first, or ("notes", [lines]) for footnotes at the foot.
DOCUMENTS = [
    {
        "file": "p01_written_evidence.pdf",
        "title": "Written evidence submitted by the North Sea Ports Safeguarding Board (OSM0061)",
        "header": ("OSM0061", "North Sea Ports Safeguarding Board"),
        "footer": "Page {n} of {total}",
        "pages": [
            [
                ("title", ["Written evidence submitted by the North Sea Ports",
                           "Safeguarding Board (OSM0061)"]),
                ("para", ["1. The North Sea Ports Safeguarding Board brings together 9 port authorities, two",
                          "police forces and the local councils of the Humber and Tees estuaries."]),
                ("para", ["2. During the period April to September 2024 the Board's online team refer-",
                          "red 862 accounts to the platforms because they offered work or passage on",
                          "boats to people without the right to work in the UK."]),
                ("para", ["3. By 31 October 2024, 604<sup>1</sup> of those accounts had been suspended, 171",
                          "remained active and 87 were pending review."]),
                ("para", ["4. Table 1 shows the accounts we referred, by platform."]),
                ("table", "Table 1: Accounts referred, April to September 2024, and suspended by 31 October 2024",
                 [["Platform", "Referred", "Suspended"],
                  ["Facebook", "402", "298"],
                  ["Instagram", "255", "190"],
                  ["Snapchat", "205", "116"],
                  ["Total", "862", "604"]]),
                ("notes", ["<sup>1</sup> As reported to the Board by the platforms' trust and safety teams."]),
            ],
            [
                ("para", ["5. Recruiters often post short adverts in Snap-",
                          "chat stories and ask people to message them on Telegram. Others use closed",
                          "Facebook groups with names in Romanian or Albanian."]),
                ("para", ["6. The Board's team of 7 analysts works office hours only. We ask the Committee",
                          "to recommend that the platforms staff a line for agencies at weekends, and we",
                          "repeat the point made in paragraph 3 about accounts that remain active."]),
                ("para", ["7. We gave evidence on similar issues to the Committee's previous inquiry",
                          "(HC 1204)."]),
                ("para", ["November 2024"]),
            ],
        ],
    },
    {
        "file": "p02_regulator_annual_report.pdf",
        "title": "Office for Consumer Fraud Standards: Annual Report and Accounts 2021-22",
        "header": ("OCFS Annual Report and Accounts 2021-22", "OFFICIAL"),
        "footer": "{n}",
        "pages": [
            [
                ("title", ["Office for Consumer Fraud Standards:", "Annual Report and Accounts 2021-22"]),
                ("heading", ["Chief Executive's foreword"]),
                ("para", ["This has been a year of growth for the Office. Our headcount rose to 212 and we",
                          "opened a second office in Leeds."]),
                ("heading", ["2. Digital enforcement"]),
                ("para", ["2.1 In the twelve months to 31 March 2022 our Digital Enforcement Team sub-",
                          "mitted 3,904 takedown requests to online platforms. Platforms actioned 3,511",
                          "of them (89.9 per cent)."]),
                ("para", ["2.2 Most requests concerned adverts on Facebook and Instagram. Requests to",
                          "YouTube and Pinterest rose in the second half of the year."]),
            ],
            [
                ("table", "Table 3: Takedown requests to platforms by quarter, 2021-22",
                 [["Quarter", "Requests", "Removed"],
                  ["Q1 (April to June 2021)", "880", "771"],
                  ["Q2 (July to September 2021)", "934", "842"],
                  ["Q3 (October to December 2021)", "1,011", "905"],
                  ["Q4 (January to March 2022)", "1,079", "993"]]),
                ("para", ["2.3 The average time from request to removal fell from 6.1 days to 4.2 days."]),
            ],
            [
                ("heading", ["5. Financial statements"]),
                ("table", "Statement of net expenditure for the year ended 31 March 2022 (GBP 000)",
                 [["Item", "2021-22", "2020-21"],
                  ["Staff costs", "8,412", "7,905"],
                  ["Other operating costs", "3,118", "2,870"],
                  ["Income", "(1,204)", "(1,150)"]]),
                ("para", ["5.1 The Office is funded by a levy on 1,930 registered firms."]),
            ],
        ],
    },
    {
        "file": "p03_oral_evidence.pdf",
        "title": "Oral evidence: Online Safety Act implementation, HC 588",
        "header": ("Science, Innovation and Technology Committee", "HC 588"),
        "footer": "{n}",
        "pages": [
            [
                ("heading", ["Science, Innovation and Technology Committee"]),
                ("title", ["Oral evidence: Online Safety Act implementation, HC 588"]),
                ("para", ["Wednesday 7 May 2025"]),
                ("para", ["Members present: Priya Holloway (Chair); Dan Merriweather; Ian Tolland."]),
                ("para", ["Questions 201 - 236"]),
                ("para", ["Witness: Aled Rhys-Morgan, Head of Intelligence, Counter Fraud Partnership",
                          "Wales."]),
                ("para", ["Q201 Chair: Which services cause you the most trouble?"]),
                ("para", ["Aled Rhys-Morgan: Ninety per cent of what we see is on three platforms, but the",
                          "hardest to deal with is Tele-",
                          "gram, because it has no proper route for agencies."]),
                ("para", ["Q202 Dan Merriweather: How many requests have you sent it?"]),
                ("para", ["Aled Rhys-Morgan: We sent Telegram 1,050 requests in the first quarter of this",
                          "year, and it actioned 640 of them."]),
            ],
            [
                ("para", ["Q203 Chair: And how many are outstanding?"]),
                ("para", ["Aled Rhys-Morgan: About 170 of those requests were still pending at the end of",
                          "April. We chase each one every 14 days."]),
                ("para", ["Q204 Ian Tolland: Is YouTube any better?"]),
                ("para", ["Aled Rhys-Morgan: Much better. YouTube removes most videos we report within a",
                          "couple of days, and so does TikTok."]),
            ],
        ],
    },
    {
        "file": "p04_research_briefing.pdf",
        "title": "Volunteer flaggers and the summer surge",
        "header": ("Eastbridge University Centre for Online Harms", "Briefing 2023/01"),
        "footer": "Page {n}",
        "pages": [
            [
                ("title", ["Volunteer flaggers and the summer surge"]),
                ("heading", ["Key points"]),
                ("para", ["We worked with 41 volunteers<sup>1</sup> who watch for abuse of footballers online."]),
                ("para", ["Over the summer, volunteers in our study reported 1,744<sup>2</sup> posts that abused",
                          "footballers and their families."]),
                ("para", ["Removal rates differed sharply between platforms: see Table 2. The median time",
                          "to removal was 3.5 days."]),
                ("notes", ["<sup>1</sup> Recruited through supporters' trusts in the north-west of England.",
                           "<sup>2</sup> Excludes duplicates reported by more than one volunteer."]),
            ],
            [
                ("table", "Table 2: Posts reported, 1 June to 31 August 2022, and status at 30 September 2022",
                 [["Platform", "Reported", "Removed", "Still online"],
                  ["TikTok", "820", "611", "209"],
                  ["Instagram", "512", "350", "162"],
                  ["Twitter", "412", "190", "222"]]),
                ("para", ["Twitter removed fewer than half of the posts reported to it, and volunteers said its",
                          "reporting forms were the hardest to use. Several volunteers stopped reporting on",
                          "Twitter altogether and moved their monitoring to Insta-",
                          "gram and TikTok."]),
            ],
        ],
    },
    {
        "file": "p05_police_panel_paper.pdf",
        "title": "Item 5: Performance report, quarter 3 2023/24",
        "header": ("WESTVALE POLICE AND CRIME PANEL", "OFFICIAL"),
        "footer": "Page {n} of {total}",
        "pages": [
            [
                ("title", ["Item 5: Performance report, quarter 3 2023/24"]),
                ("para", ["Report of the Chief Constable to the Panel meeting of 8 February 2024"]),
                ("heading", ["1. Online harm"]),
                ("para", ["1.1 In Q3 (October to December 2023) the force's Digital Investigations Unit",
                          "requested the removal of 96 online listings offering counterfeit medicines,",
                          "most of them on Facebook Marketplace and Insta-",
                          "gram. Ninety-one were taken down."]),
                ("para", ["1.2 Year to date (April to December 2023) the unit has made 281 requests."]),
                ("heading", ["2. Headline measures"]),
                ("table", "Table 1: Quarter 3 headline measures",
                 [["Measure", "Q3 2023/24", "Q3 2022/23"],
                  ["999 calls answered in 10 seconds", "88.1%", "84.6%"],
                  ["Arrests", "1,402", "1,377"],
                  ["Charges", "611", "590"],
                  ["Removal requests to platforms", "96", "74"]]),
            ],
            [
                ("heading", ["3. Finance"]),
                ("para", ["3.1 The force is forecasting an underspend of GBP 1.3 million against its budget",
                          "of GBP 412.6 million."]),
                ("para", ["3.2 Officer numbers stood at 3,215 on 31 December 2023."]),
            ],
        ],
    },
    {
        "file": "p06_scottish_submission.pdf",
        "title": "Written submission from Cyber Safe Scotland Trust: sextortion of young people",
        "header": ("Criminal Justice Committee", "Cyber Safe Scotland Trust"),
        "footer": "{n}",
        "pages": [
            [
                ("title", ["Written submission from Cyber Safe Scotland Trust:",
                           "sextortion of young people"]),
                ("para", ["1. Cyber Safe Scotland Trust supports young people who are being blackmailed",
                          "with intimate images. Our helpline is open on 0131 496 0420 every day of the",
                          "year, and our staff are on the front line of this problem."]),
                ("para", ["2. Since February 2019 we have flagged upwards of 2,500 sextortion accounts to",
                          "Instagram, Snapchat and other services; around 75 per cent were sus-",
                          "pended."]),
                ("para", ["3. In the calendar year 2022 alone we flagged 734<sup>1</sup> accounts; 24 of these",
                          "were on Kik."]),
                ("para", ["4. The Scottish Government provided GBP 85,000 towards this work under section 3",
                          "of its victim support scheme."]),
                ("notes", ["<sup>1</sup> Accounts flagged more than once are counted once."]),
            ],
            [
                ("para", ["5. Offenders usually make contact on Instagram and move the conversation to",
                          "Snapchat or Line, where messages disappear. We would welcome a statutory duty",
                          "on platforms to act on reports from specialist charities within 48 hours."]),
                ("para", ["June 2023"]),
            ],
        ],
    },
]


class LayoutError(ValueError):
    """A hand-set line is wider than the text column or a page overflows; fix the lines, never clip them."""


def text_line(canvas: Canvas, x: float, y: float, line: str, font: str, size: float) -> None:
    """Draws a line in which `<sup>N</sup>` becomes a smaller raised N touching the glyph before it."""
    text = canvas.beginText(x, y)
    width = 0.0
    for i, piece in enumerate(MARKER.split(line)):
        if not piece:
            continue
        small = i % 2 == 1
        text.setFont(font, size * 0.62 if small else size)
        text.setRise(size * 0.38 if small else 0)
        text.textOut(piece)
        width += stringWidth(piece, font, size * 0.62 if small else size)
    canvas.drawText(text)
    if width > TEXT_W:
        raise LayoutError(f"line is {width:.0f} pt wide, column is {TEXT_W:.0f} pt: {line!r}")


def ruled_table(canvas: Canvas, top: float, caption: str, rows: list[list[str]]) -> float:
    """A grid with a bold header row and bold row labels, figures right-aligned; returns the y below it."""
    canvas.setFont(BOLD, 9.5)
    if stringWidth(caption, BOLD, 9.5) > TEXT_W:
        raise LayoutError(f"caption too wide: {caption!r}")
    canvas.drawString(LEFT, top, caption)
    top -= 7
    label_w = TEXT_W * 0.46
    cell_w = (TEXT_W - label_w) / (len(rows[0]) - 1)
    edges = [LEFT, LEFT + label_w] + [LEFT + label_w + cell_w * (k + 1) for k in range(len(rows[0]) - 1)]
    height = 19
    for r, row in enumerate(rows):
        baseline = top - height * r - 13
        for c, cell in enumerate(row):
            canvas.setFont(BOLD if r == 0 or c == 0 else REGULAR, 10)
            if c == 0:
                canvas.drawString(edges[0] + 5, baseline, cell)
            else:
                canvas.drawRightString(edges[c + 1] - 5, baseline, cell)
    bottom = top - height * len(rows)
    canvas.setLineWidth(0.6)
    for r in range(len(rows) + 1):
        canvas.line(edges[0], top - height * r, edges[-1], top - height * r)
    for x in edges:
        canvas.line(x, top, x, bottom)
    return bottom - 18


def render(doc: dict, path: Path) -> None:
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setTitle(doc["title"])
    pages = doc["pages"]
    for number, blocks in enumerate(pages, start=1):
        left, right = doc["header"]
        canvas.setFont(REGULAR, 8.5)
        canvas.drawString(LEFT, PAGE_H - 42, left)
        canvas.drawRightString(PAGE_W - LEFT, PAGE_H - 42, right)
        canvas.drawCentredString(PAGE_W / 2, 34, doc["footer"].format(n=number, total=len(pages)))
        y = PAGE_H - 84
        notes_top = 62
        for block in blocks:
            if block[0] == "table":
                y = ruled_table(canvas, y, block[1], block[2])
            elif block[0] == "notes":
                notes_top = 62 + 11 * len(block[1])
                canvas.setLineWidth(0.5)
                canvas.line(LEFT, notes_top + 3, LEFT + 110, notes_top + 3)
                for k, line in enumerate(block[1]):
                    text_line(canvas, LEFT, notes_top - 11 * (k + 1), line, REGULAR, 8.5)
            else:
                font, size, leading = STYLES[block[0]]
                for line in block[1]:
                    text_line(canvas, LEFT, y, line, font, size)
                    y -= leading
                y -= 7
            if y < notes_top + 20:
                raise LayoutError(f"{doc['file']}, page {number}: text runs past the bottom of the column")
        canvas.showPage()
    canvas.save()


def main() -> int:
    for doc in DOCUMENTS:
        render(doc, OUT / doc["file"])
        print(f"wrote {doc['file']} ({len(doc['pages'])} pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
