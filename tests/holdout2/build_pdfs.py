"""Builds the six PDF documents of the second held-out set with reportlab.

The PDFs are written by hand, line by line, rather than flowed by Platypus, because the point of
them is to control exactly where a word is hyphenated across a line break, where a footnote marker
is glued to a figure as a smaller raised glyph, and what the running header and page numbers say:
those are the PDF traits the extraction contract asks the parser to undo. Run it from anywhere:
`.venv/bin/python tests/holdout2/build_pdfs.py`. The output is deterministic (reportlab invariant
mode), so rebuilding does not change committed files.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

HERE = Path(__file__).resolve().parent
WIDTH, HEIGHT = A4
MARGIN = 72
FRAME = WIDTH - 2 * MARGIN
BODY, BOLD = "Helvetica", "Helvetica-Bold"
SUP = re.compile(r"\^(\d)")  # `163^1` draws a raised small 1 after 163

# Each document: file name, title (PDF metadata), running header (left, right), footer format,
# and pages; each page a list of blocks: ("title"|"h"|"p", lines), ("table", caption, rows),
# ("fn", lines) for footnotes at the foot of the page.
DOCUMENTS = [
    {
        "file": "p01_written_evidence.pdf",
        "title": "Written evidence submitted by the Refugee Route Monitoring Network (OHP0112)",
        "header": ("OHP0112", ""),
        "footer": "Page {n} of {total}",
        "pages": [
            [
                ("title", ["Written evidence submitted by the Refugee Route",
                           "Monitoring Network (OHP0112)"]),
                ("p", ["1. The Network monitors smuggling adverts in 9 languages with the help of 31",
                       "volunteer moderators, most of them former refugees themselves."]),
                ("p", ["2. In the first quarter of 2022 we refer-",
                       "red 734 adverts to the platforms for removal. As at 30 April 2022, 509 of these",
                       "had been removed, 163^1 remained online and 62 were pending."]),
                ("p", ["3. Table 1 gives the referrals and removals by platform."]),
                ("table", "Table 1: Adverts referred between January and March 2022 and removed by 30 April 2022",
                 [["Platform", "Referred", "Removed"],
                  ["Facebook", "288", "231"],
                  ["Zalo", "171", "82"],
                  ["VK", "140", "101"],
                  ["TikTok", "135", "95"],
                  ["Total", "734", "509"]]),
                ("fn", ["^1 Figure checked with the platforms on 2 May 2022."]),
            ],
            [
                ("p", ["4. Zalo and Viber are used mostly by Vietnamese-speaking groups. Adverts in",
                       "Albanian appear mostly on TikTok and Insta-",
                       "gram, often as short videos that give a phone number to call."]),
                ("p", ["5. Platforms usually respond within 72 hours, but some adverts reappear on new",
                       "accounts within a day of being removed."]),
                ("p", ["6. We ask the Committee to press the Government on the commitments it made",
                       "in its response to the Committee's earlier report (HC 1089)."]),
                ("p", ["May 2022"]),
            ],
        ],
    },
    {
        "file": "p02_charity_annual_report.pdf",
        "title": "Annual Monitoring Report 2023",
        "header": ("Faith Communities Online Safety Trust", "Annual Monitoring Report 2023"),
        "footer": "- {n} -",
        "pages": [
            [
                ("title", ["Annual Monitoring Report 2023"]),
                ("h", ["Foreword"]),
                ("p", ["This report covers antisemitic and anti-Muslim content that our volunteers found",
                       "online between 1 January and 31 December 2023. Our 64 volunteers worked in",
                       "5 languages and gave more than 9,000 hours of their time."]),
                ("h", ["Key findings"]),
                ("p", ["In 2023 the Trust reported 2,812 posts to social media companies, more than in",
                       "any previous year. The companies removed 1,728 of them, or 61.5 per cent."]),
                ("p", ["Reports rose sharply after 7 October: the fourth quarter alone saw a 110%",
                       "increase on the third."]),
            ],
            [
                ("h", ["Reports by quarter"]),
                ("table", "Table 2: Posts reported to platforms and removed, by quarter, 2023",
                 [["Quarter", "Reported", "Removed"],
                  ["January to March", "402", "287"],
                  ["April to June", "515", "349"],
                  ["July to September", "611", "390"],
                  ["October to December", "1,284", "702"]]),
                ("p", ["X was the least responsive platform. In 2023 we reported 1,040 posts on X, and",
                       "only 312 were taken down. Facebook removed 72 per cent of the 655 posts we",
                       "reported to it during 2023."]),
                ("p", ["We also saw a steady flow of abuse in YouTube comments and in Tele-",
                       "gram channels, which we monitor but cannot always report."]),
            ],
            [
                ("h", ["Methodology"]),
                ("p", ["A post is counted as reported once it has been submitted through the platform's",
                       "own reporting tool. Volunteers reviewed a further 9,500 posts that did not meet",
                       "our threshold and were not reported."]),
                ("p", ["Faith Communities Online Safety Trust is a registered charity (1201234)."]),
            ],
        ],
    },
    {
        "file": "p03_agency_annual_report.pdf",
        "title": "Counter Extremism Online Unit Annual Report 2020/21",
        "header": ("CEOU Annual Report 2020/21", "OFFICIAL"),
        "footer": "Page {n}",
        "pages": [
            [
                ("title", ["Counter Extremism Online Unit Annual Report 2020/21"]),
                ("h", ["3. Online referrals"]),
                ("p", ["3.1 Officers assessed some 41,000 items in the year, an 8% increase on 2019/20."]),
                ("p", ["3.2 In the twelve months to 31 March 2021 the Unit refer-",
                       "red 14,306 URLs to 212 hosting companies and social media platforms.^1 Of",
                       "those, 12,948^2 had been removed by 30 April 2021 and 1,358 had not."]),
                ("p", ["3.3 This compares with 11,502 URLs referred in 2019/20."]),
                ("p", ["3.4 Most referred URLs were on Telegram, followed by file-sharing sites and",
                       "Discord. Referrals to You Tube fell by a third."]),
                ("fn", ["^1 Including small file-sharing and paste sites.",
                        "^2 Removal confirmed by the hosting company or by a check of the URL."]),
            ],
            [
                ("p", ["3.5 Since the Unit was established in June 2015 it has referred nearly 58,500",
                       "URLs."]),
                ("p", ["3.6 The Unit's 26 officers work under section 3 of the Terrorism Act 2006. We",
                       "continue to work with Google and Microsoft, and with smaller services such as",
                       "Rumble."]),
            ],
        ],
    },
    {
        "file": "p04_senedd_evidence_paper.pdf",
        "title": "Evidence from Digital Safety Wales Network: online safety of children in Wales",
        "header": ("Senedd Cymru | Welsh Parliament", "ESJ(6) 14-24 Paper 3"),
        "footer": "{n}",
        "pages": [
            [
                ("title", ["Evidence from Digital Safety Wales Network: online",
                           "safety of children in Wales"]),
                ("p", ["Equality and Social Justice Committee, Paper 3"]),
                ("p", ["1. Digital Safety Wales Network has 8 staff, supports 22 local authorities and",
                       "runs a helpline on 029 2000 1234."]),
                ("p", ["2. During 2023-24 the Network made 1,145 reports to platforms about accounts",
                       "targeting children in Wales. Seven hundred and twelve of those accounts were sub-",
                       "sequently suspended, while 96 of the reports were rejected."]),
                ("p", ["3. Between April and June 2024 the Network reported 338 accounts, 61 of them on",
                       "Instagram."]),
            ],
            [
                ("p", ["4. Children tell us they are most often contacted first on Snapchat and then",
                       "moved to WhatsApp or Discord, where adults can talk to them in private."]),
                ("p", ["5. The Network asks the Committee to recommend that platforms answer reports",
                       "about children within 14 days."]),
            ],
        ],
    },
    {
        "file": "p05_working_paper.pdf",
        "title": "Reporting scam pages on Chinese-language platforms: a six-month test",
        "header": ("CCBFS Working Paper 2023/04", "Centre for Cross-Border Fraud Studies"),
        "footer": "{n}",
        "pages": [
            [
                ("title", ["Reporting scam pages on Chinese-language platforms:",
                           "a six-month test"]),
                ("h", ["Abstract"]),
                ("p", ["Between July and December 2022 we reported 950 scam pages on Chinese-language",
                       "platforms. By 31 January 2023, 75.1 per cent had been taken down. We also",
                       "interviewed 37 victims, whose combined losses exceeded RMB 4.2 million."]),
            ],
            [
                ("h", ["Results"]),
                ("table", "Table 3: Pages reported between July and December 2022 and taken down by 31 January 2023",
                 [["Platform", "Pages reported", "Taken down"],
                  ["WeChat", "410", "322"],
                  ["Weibo", "265", "190"],
                  ["Douyin", "198", "150"],
                  ["QQ", "77", "51"]]),
                ("p", ["Kuaishou and Baidu Tieba did not respond to our requests for a trusted-flagger",
                       "channel, so we did not report pages there. WeChat groups were the most common",
                       "place for victims to be recruited."]),
            ],
        ],
    },
    {
        "file": "p06_written_evidence.pdf",
        "title": "Written evidence submitted by the Safer Marketplaces Coalition (FRD0045)",
        "header": ("FRD0045", ""),
        "footer": "Page {n} of {total}",
        "pages": [
            [
                ("title", ["Written evidence submitted by the Safer Marketplaces",
                           "Coalition (FRD0045)"]),
                ("p", ["1. The Coalition represents 19 retailers and consumer groups concerned about",
                       "counterfeit goods and purchase scams."]),
                ("p", ["2. Since 1 October 2024 our members have flagged in excess of 4,000^1 coun-",
                       "terfeit and scam listings to the platforms."]),
                ("p", ["3. As of 30 April, roughly 2,600 of them had been deleted, and fewer than 300",
                       "were still under review."]),
                ("p", ["4. In the final quarter of last year alone, members reported 1,250 listings on",
                       "Facebook and 430 on Instagram."]),
                ("fn", ["^1 Based on returns from 17 of our 19 members."]),
            ],
            [
                ("p", ["5. Sellers on Facebook Marketplace often move buyers to WhatsApp or Messenger",
                       "to take payment by bank transfer. Our members estimate that shoppers lose",
                       "GBP 1.9 million a year in this way."]),
                ("p", ["6. Platforms take between 3 and 10 days to act on a report."]),
                ("p", ["June 2025"]),
            ],
        ],
    },
]


class LayoutError(ValueError):
    """A line does not fit the frame or a page overflows: fix the hand-set lines, do not let them clip."""


def _draw_line(c: Canvas, x: float, y: float, line: str, font: str, size: float) -> None:
    """Draws text with `^N` markers as smaller raised digits glued to the preceding character."""
    parts = SUP.split(line)
    for i, part in enumerate(parts):
        if i % 2:
            c.setFont(font, size * 0.6)
            c.drawString(x, y + size * 0.4, part)
            x += stringWidth(part, font, size * 0.6)
        elif part:
            c.setFont(font, size)
            c.drawString(x, y, part)
            x += stringWidth(part, font, size)
    if x - MARGIN > FRAME:
        raise LayoutError(f"line too wide ({x - MARGIN:.0f} > {FRAME:.0f} pt): {line!r}")


def _table(c: Canvas, y: float, caption: str, rows: list[list[str]]) -> float:
    """A ruled grid: header row and first column bold, numbers right-aligned; returns the new y."""
    c.setFont(BOLD, 9)
    c.drawString(MARGIN, y, caption)
    if stringWidth(caption, BOLD, 9) > FRAME:
        raise LayoutError(f"caption too wide: {caption!r}")
    y -= 8
    widths = [FRAME * 0.4] + [FRAME * 0.6 / (len(rows[0]) - 1)] * (len(rows[0]) - 1)
    row_h = 18
    top = y
    for r, row in enumerate(rows):
        x = MARGIN
        for col, text in enumerate(row):
            font = BOLD if r == 0 or col == 0 else BODY
            c.setFont(font, 10)
            if col == 0:
                c.drawString(x + 4, y - 13, text)
            else:
                c.drawRightString(x + widths[col] - 4, y - 13, text)
            x += widths[col]
        y -= row_h
    c.setLineWidth(0.5)
    for i in range(len(rows) + 1):
        c.line(MARGIN, top - i * row_h, MARGIN + sum(widths), top - i * row_h)
    x = MARGIN
    for w in [0, *widths]:
        x += w
        c.line(x, top, x, y)
    return y - 16


def build(doc: dict, out: Path) -> None:
    c = Canvas(str(out), pagesize=A4, invariant=1)
    c.setTitle(doc["title"])
    total = len(doc["pages"])
    for n, page in enumerate(doc["pages"], start=1):
        c.setFont(BODY, 8)
        left, right = doc["header"]
        c.drawString(MARGIN, HEIGHT - 40, left)
        c.drawRightString(WIDTH - MARGIN, HEIGHT - 40, right)
        c.drawCentredString(WIDTH / 2, 36, doc["footer"].format(n=n, total=total))
        y = HEIGHT - MARGIN - 10
        for block in page:
            kind = block[0]
            if kind == "table":
                y = _table(c, y, block[1], block[2])
            elif kind == "fn":
                fy = 60 + 11 * len(block[1])
                c.setLineWidth(0.5)
                c.line(MARGIN, fy + 4, MARGIN + 120, fy + 4)
                for line in block[1]:
                    fy -= 11
                    _draw_line(c, MARGIN, fy, line, BODY, 8)
                if y < 60 + 11 * len(block[1]) + 10:
                    raise LayoutError(f"{doc['file']} page {n}: body runs into the footnotes")
            else:
                font, size, lead = {"title": (BOLD, 14, 18), "h": (BOLD, 12, 16), "p": (BODY, 11, 15)}[kind]
                for line in block[1]:
                    _draw_line(c, MARGIN, y, line, font, size)
                    y -= lead
                y -= 8
            if y < 90:
                raise LayoutError(f"{doc['file']} page {n}: overflows the page")
        c.showPage()
    c.save()


def main() -> int:
    for doc in DOCUMENTS:
        build(doc, HERE / doc["file"])
        print(f"wrote {doc['file']} ({len(doc['pages'])} pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
