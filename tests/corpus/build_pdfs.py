"""Builds the PDF half of the labelled corpus (tests/corpus/*.pdf and their .meta.json sidecars).

The PDFs are laid out by hand on a reportlab canvas rather than with platypus, because the corpus needs
exact control over the traps the spec names: running headers and page numbers, words hyphenated across
line ends (and once across a page break), superscript footnote markers glued to figures, footnotes at the
foot of the page, and ruled tables with row and column headers. Labels live in gold.json, not here.

Markup inside text: `~` marks a point where a word may be hyphenated at a line end, `|` a point where it
is (a forced hyphenated line end); `^N` right after a token draws N as a superscript footnote marker.
Run: `.venv/bin/python tests/corpus/build_pdfs.py`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

HERE = Path(__file__).resolve().parent
WIDTH, HEIGHT = A4
LEFT, RIGHT, TOP, BOTTOM = 72.0, 72.0, 96.0, 120.0
BODY, SMALL, SUP = ("Helvetica", 11.0), ("Helvetica", 8.0), ("Helvetica", 7.0)
BOLD = "Helvetica-Bold"
LEADING = 15.0


@dataclass
class Doc:
    """One PDF: its sidecar metadata, running header/footer and explicit pages of blocks."""

    name: str
    meta: dict
    header: str
    footer: str  # may contain {n} and {total}
    pages: list[list[tuple]]
    footnotes: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # page index -> notes


def tokens(text: str) -> list[tuple[str, str]]:
    """Splits text into (word, superscript) pairs; the superscript is drawn glued to the word."""
    out = []
    for raw in text.split():
        m = re.fullmatch(r"(.*?)\^(\d+)([.,;:]?)", raw)
        out.append((m.group(1), m.group(2) + m.group(3)) if m else (raw, ""))
    return out


def word_width(word: str, sup: str, font: str, size: float) -> float:
    w = stringWidth(word.replace("~", ""), font, size)
    if sup:
        digits = sup.rstrip(".,;:")
        w += stringWidth(digits, SUP[0], SUP[1]) + stringWidth(sup[len(digits):], font, size)
    return w


def wrap(text: str, width: float, font: str, size: float) -> list[list[tuple[str, str]]]:
    """Greedy line filling; a word that does not fit is hyphenated at its last `~` point that fits."""
    lines: list[list[tuple[str, str]]] = []
    line: list[tuple[str, str]] = []
    used = 0.0
    space = stringWidth(" ", font, size)
    queue = tokens(text)
    while queue:
        word, sup = queue.pop(0)
        if "|" in word:  # a forced hyphenated line end
            head, tail = word.split("|", 1)
            head = head.replace("~", "") + "-"
            hw = stringWidth(head, font, size) + (space if line else 0.0)
            if line and used + hw > width:
                lines.append(line)
                line, hw = [], hw - space
            lines.append(line + [(head, "")])
            line, used = [], 0.0
            queue.insert(0, (tail, sup))
            continue
        w = word_width(word, sup, font, size)
        extra = w + (space if line else 0.0)
        if used + extra <= width:
            line.append((word, sup))
            used += extra
            continue
        parts = word.split("~")
        split_done = False
        for k in range(len(parts) - 1, 0, -1):
            head = "".join(parts[:k]) + "-"
            hw = stringWidth(head, font, size) + (space if line else 0.0)
            if line and used + hw <= width:
                line.append((head, ""))
                queue.insert(0, ("~".join(parts[k:]), sup))
                split_done = True
                break
        lines.append(line)
        line, used = [], 0.0
        if not split_done:
            queue.insert(0, (word, sup))
            if not lines[-1]:  # a single word wider than the line: place it anyway
                lines.pop()
                line, used = [(word, sup)], w
    if line:
        lines.append(line)
    return lines


def draw_line(c: Canvas, x: float, y: float, line: list[tuple[str, str]], font: str, size: float) -> None:
    space = stringWidth(" ", font, size)
    for i, (word, sup) in enumerate(line):
        if i:
            x += space
        word = word.replace("~", "")
        c.setFont(font, size)
        c.drawString(x, y, word)
        x += stringWidth(word, font, size)
        if sup:
            digits = sup.rstrip(".,;:")
            c.setFont(*SUP)
            c.drawString(x, y + 4.0, digits)
            x += stringWidth(digits, *SUP)
            if sup[len(digits):]:
                c.setFont(font, size)
                c.drawString(x, y, sup[len(digits):])
                x += stringWidth(sup[len(digits):], font, size)


def draw_paragraph(c: Canvas, y: float, text: str, label: str = "", font: str = BODY[0], size: float = BODY[1],
                   indent: float = 0.0) -> float:
    """Draws a (numbered) paragraph from y downwards and returns the y below it."""
    x = LEFT + indent
    if label:
        c.setFont(BOLD if label.startswith("Q") else font, size)
        c.drawString(LEFT, y, label)
        x = LEFT + max(indent, stringWidth(label, BOLD, size) + 8.0)
    for line in wrap(text, WIDTH - RIGHT - x, font, size):
        draw_line(c, x, y, line, font, size)
        y -= LEADING if size >= BODY[1] else LEADING * 0.9
    return y - 6.0


def draw_table(c: Canvas, y: float, caption: str, header: list[str], rows: list[list[str]],
               widths: list[float]) -> float:
    """A ruled grid: bold column headers, bold row headers, every cell boxed."""
    c.setFont(BOLD, 10)
    c.drawString(LEFT, y, caption)
    y -= 10.0
    row_h = 18.0
    total_w = sum(widths)
    all_rows = [header] + rows
    top = y
    for r, row in enumerate(all_rows):
        x = LEFT
        for k, cell in enumerate(row):
            bold = r == 0 or k == 0
            c.setFont(BOLD if bold else "Helvetica", 10)
            if k == 0:
                c.drawString(x + 4, y - 13, cell)
            else:
                c.drawRightString(x + widths[k] - 4, y - 13, cell)
            x += widths[k]
        y -= row_h
    c.setLineWidth(0.6)
    for i in range(len(all_rows) + 1):
        c.line(LEFT, top - i * row_h, LEFT + total_w, top - i * row_h)
    x = LEFT
    for w in [0.0] + widths:
        x += w
        c.line(x, top, x, y)
    return y - 16.0


def render(doc: Doc) -> None:
    c = Canvas(str(HERE / f"{doc.name}.pdf"), pagesize=A4, invariant=1)
    c.setTitle(doc.meta["title"])
    total = len(doc.pages)
    for i, blocks in enumerate(doc.pages):
        c.setFont(*SMALL)
        c.setFillGray(0.35)
        c.drawString(LEFT, HEIGHT - 50, doc.header)
        c.setFillGray(0.0)
        y = HEIGHT - TOP
        for block in blocks:
            kind = block[0]
            if kind == "title":
                y = draw_paragraph(c, y, block[1], font=BOLD, size=13.0) - 4
            elif kind == "h":
                y = draw_paragraph(c, y, block[1], font=BOLD)
            elif kind == "line":
                y = draw_paragraph(c, y, block[1])
            elif kind == "p":
                y = draw_paragraph(c, y, block[2], label=f"{block[1]}.", indent=22.0)
            elif kind == "cont":
                y = draw_paragraph(c, y, block[1], indent=22.0)
            elif kind == "q":
                label = f"Q{block[1]}" if block[1] else ""
                speaker = f"{block[2]}:"
                text = speaker + " " + block[3]
                y = draw_paragraph(c, y, text, label=label, indent=40.0)
            elif kind == "table":
                y = draw_table(c, y, block[1], block[2], block[3], block[4])
            else:
                raise ValueError(f"unknown block kind {kind!r} in {doc.name}")
            if y < BOTTOM:
                raise ValueError(f"{doc.name}: page {i + 1} overflows")
        notes = doc.footnotes.get(i, [])
        if notes:
            fy = BOTTOM - 20
            c.setLineWidth(0.5)
            c.line(LEFT, fy + 12, LEFT + 140, fy + 12)
            for n, text in notes:
                c.setFont(*SUP)
                c.drawString(LEFT, fy + 3, str(n))
                fy = draw_paragraph(c, fy, text, font=SMALL[0], size=SMALL[1], indent=8.0) + 4
        c.setFont(*SMALL)
        c.setFillGray(0.35)
        c.drawCentredString(WIDTH / 2, 40, doc.footer.format(n=i + 1, total=total))
        c.setFillGray(0.0)
        c.showPage()
    c.save()
    meta_path = HERE / f"{doc.name}.pdf.meta.json"
    meta_path.write_text(json.dumps(doc.meta, indent=1) + "\n")


def parl(ref_id: int) -> str:
    return f"https://committees.parliament.uk/writtenevidence/{ref_id}/pdf/"


def written_meta(ref_id: int, title: str, published: str, committee: str = "Home Affairs Committee") -> dict:
    return {"url": parl(ref_id), "title": title, "published": published, "kind": "written_evidence",
            "publisher": committee}


DOCS: list[Doc] = []

# pdf01: two pages, superscript on a figure, table on page 2
T = "Written evidence submitted by the Dover Strait Online Monitoring Project (CCE0044)"
DOCS.append(Doc(
    "pdf01_dover_project", written_meta(47120, T, "2021-05-11"), "CCE0044", "Page {n}",
    [[("title", T),
      ("p", 1, "The Project was set up in 2019 by 3 uni~ver~sities and em~ploys 11 re~search~ers, who work in "
               "English, French and Arabic."),
      ("p", 2, "Between September 2020 and February 2021 the Project re|ferred 2,264 social media posts to the "
               "plat~forms for re~moval."),
      ("p", 3, "As of 30 April, 1,702^1 had been re|moved, 419 had been re~jected and 143 were await~ing a "
               "de~ci~sion."),
      ("p", 4, "The Project's an~alysts check each post against the plat~form's pub~lished com~mun~ity "
               "stan~dards be~fore it is re~ferred, and record the date on which each re~fer~ral was sent and the "
               "date on which the plat~form an~swered.")],
     [("p", 5, "The posts ap~peared mainly on Facebook, Instagram and TikTok. A smal~ler number were found on "
               "Snapchat and in Telegram chan~nels."),
      ("table", "Table 1: Posts referred and removed by platform, September 2020 to February 2021",
       ["Platform", "Referred", "Removed"],
       [["Facebook", "1,010", "802"], ["Instagram", "640", "488"], ["TikTok", "402", "290"],
        ["Snapchat", "130", "84"], ["Telegram", "82", "38"]], [160, 110, 110]),
      ("p", 6, "The re~moval rate was lowest for Telegram, which rarely ex~plained its de~ci~sions.")]],
    {0: [(1, "The platforms confirmed the removal figure on 3 May 2021.")]}))

# pdf02: oral evidence transcript as PDF, number words
T = "Oral evidence: Policing online smuggling adverts, HC 1043"
DOCS.append(Doc(
    "pdf02_oral_thames_valley",
    {"url": "https://committees.parliament.uk/oralevidence/12077/pdf/", "title": T, "published": "2023-01-25",
     "kind": "oral_evidence", "publisher": "Home Affairs Committee"},
    "Home Affairs Committee: Oral evidence: Policing online smuggling adverts, HC 1043", "{n}",
    [[("title", T),
      ("line", "Wednesday 25 January 2023"),
      ("line", "Members present: Dame Diana Marsh (Chair); Tom Aldous; Priya Keane."),
      ("line", "Questions 33 - 41"),
      ("line", "Witness: Inspector Daniel Okoro, Online Harms Unit, Thames Valley Police."),
      ("q", 33, "Chair", "How many accounts did the unit report to the plat~forms in 2022?"),
      ("q", None, "Inspector Okoro", "In 2022 we re~ported just over three thousand accounts. By the end of "
                                     "December 2022, "
                                     "two thousand four hundred had been sus|pended and around 600 were still "
                                     "live."),
      ("q", 34, "Tom Aldous", "Which platforms were they on?"),
      ("q", None, "Inspector Okoro", "Facebook and Instagram mostly. On WhatsApp we can~not see anything at all."),
      ("q", 35, "Priya Keane", "Is Meta co~op~er~ating with you?"),
      ("q", None, "Inspector Okoro", "Yes. We meet them every 2 weeks, and they have 24 hours to respond to "
                                     "urgent re~fer~rals.")],
     [("q", 36, "Priya Keane", "What about Snapchat?"),
      ("q", None, "Inspector Okoro", "Snapchat sus~pended 85 of the accounts we re~ported to it in 2022. It is "
                                     "usually the quickest to an~swer."),
      ("q", 37, "Chair", "Thank you, Inspector. That concludes this part of the session.")]]))

# pdf03: report with NCA's published takedown figures, table of years
T = "Annual Review 2025: Online facilitation of Channel crossings"
DOCS.append(Doc(
    "pdf03_observatory_review",
    {"url": "https://maritimecrime-observatory.example/publications/annual-review-2025.pdf", "title": T,
     "published": "2026-02-16", "kind": "report", "publisher": "Maritime Crime Observatory"},
    "Maritime Crime Observatory - Annual Review 2025", "Page {n} of {total}",
    [[("title", T),
      ("p", 1, "This review draws on pub~lished fig~ures from the National Crime Agency (NCA) and the Home Office."),
      ("p", 2, "Since December 2021, more than 27,000^1 smug|gling accounts and posts have been removed fol~low~ing "
               "NCA re~fer~rals."),
      ("p", 3, "Over 90% of NCA re~fer~rals now result in the content being removed."),
      ("p", 4, "The accounts were on X, TikTok, Facebook, Instagram and YouTube."),
      ("p", 5, "At least 78 people died in the Channel in 2024, and more than 600 boats and engines were seized "
               "over 18 months.")],
     [("table", "Table 2: Social media accounts removed following NCA referrals, by calendar year",
       ["Year", "Accounts removed"], [["2023", "5,600"], ["2024", "8,000+"], ["2025", "10,700"]], [120, 160]),
      ("p", 6, "Figures are rounded as pub~lished by the NCA. The 2025 total was up about a third on 2024.")]],
    {0: [(1, "NCA press release, 21 January 2026.")]}))

# pdf04: space-separated thousands, in excess of, upwards of
T = "Written evidence submitted by the European Centre for Migrant Safety Online (EUM0023)"
DOCS.append(Doc(
    "pdf04_eu_centre_2015", written_meta(21934, T, "2015-11-10", "European Union Committee"), "EUM0023",
    "EUM0023 page {n}",
    [[("title", T),
      ("p", 1, "Since January 2014 the Centre has flagged 1 218 pages to Facebook and up~wards of 300 accounts to "
               "Twitter."),
      ("p", 2, "Facebook has removed in excess of 900^1 of the pages."),
      ("p", 3, "Twitter sus|pended about 210 of the accounts; the others remain active."),
      ("p", 4, "Europol's EU Internet Referral Unit, launched in July 2015, is expected to add to this "
               "work."),
      ("p", 5, "The Centre has 4 staff and works in 7 languages.")]],
    {0: [(1, "Figure provided by Facebook to the Centre in October 2015.")]}))

# pdf05: government response, per-platform ruled table with financial-year header
T = "Online smuggling adverts: Government Response to the Committee's Fourth Report of Session 2023-24"
DOCS.append(Doc(
    "pdf05_govresp_platform_table",
    {"url": "https://committees.parliament.uk/publications/45120/documents/224310/default/", "title": T,
     "published": "2024-10-08", "kind": "government_response", "publisher": "Home Affairs Committee"},
    "Government Response - CP 1182", "{n}",
    [[("title", T),
      ("p", 1, "The Government is grate~ful to the Committee for its report, HC 318, and sets out its response "
               "below."),
      ("p", 2, "In 2023-24 the Online Referral Unit referred 7,820 items to six platforms, and 6,846 were "
               "re|moved."),
      ("p", 3, "The remaining 974 items were not removed."),
      ("p", 4, "Snapchat and YouTube had the highest removal rates; X had the lowest."),
      ("p", 5, "The Unit will publish its figures for 2024-25 in the summer of 2025, as re~com~mended by the "
               "Committee.")],
     [("table", "Table 1: Items referred and removed, by platform, 2023-24",
       ["Platform", "Referred", "Removed", "Removal rate"],
       [["Facebook", "2,410", "2,190", "90.9%"], ["Instagram", "1,880", "1,702", "90.5%"],
        ["TikTok", "1,655", "1,431", "86.5%"], ["X", "1,020", "733", "71.9%"],
        ["Snapchat", "512", "470", "91.8%"], ["YouTube", "343", "320", "93.3%"]], [130, 100, 100, 100])]]))

# pdf06: report summary, no referral figures
T = "Channel crossings: summary of conclusions and recommendations"
DOCS.append(Doc(
    "pdf06_report_summary_no_figures",
    {"url": "https://publications.parliament.uk/pa/cm5803/cmselect/cmhaff/1120/summary.pdf", "title": T,
     "published": "2022-07-19", "kind": "report", "publisher": "Home Affairs Committee"},
    "HC 1120 - Channel crossings", "{n}",
    [[("title", T),
      ("p", 1, "More than 28,500 people arrived in the UK by small boat in 2021, and at least 166 died or went "
               "missing. On a single day in November 2021, 27 people died."),
      ("p", 2, "About 1,000,000 visas were issued in the same year, and the asylum system costs more than "
               "£1.5bn a year."),
      ("p", 3, "Smugglers ad~ver~tise on TikTok, Facebook and Instagram. Meta and Google told us that they act on "
               "re~fer~rals within 24 hours, but we heard of thousands of posts that stayed up for weeks."),
      ("p", 4, "There was discord among wit~nesses about how far the plat~forms can be held re~spon~sible, and "
               "we make 14 re~com~men~da~tions in chapter 5.")]]))

# pdf07: twelve months to a date, as at, submitted for removal, deleted, remained active
T = "Written evidence submitted by Northern Ireland Border Watch (BRX0061)"
DOCS.append(Doc(
    "pdf07_ni_border_watch", written_meta(97310, T, "2019-03-21", "Northern Ireland Affairs Committee"),
    "BRX0061", "Page {n}",
    [[("title", T),
      ("p", 1, "In the twelve months to 31 January 2019 we sub|mitted 683 ad~ver~tise~ments for removal."),
      ("p", 2, "As at 28 February 2019, 512 of these had been deleted and 171 re~mained active."),
      ("p", 3, "Most ad~ver~tise~ments were on Facebook Marketplace."),
      ("p", 4, "Paragraph 14 of the call for evidence asks about en~cryp~tion. Smugglers in~creas~ingly move "
               "con~ver~sa~tions to WhatsApp and Signal after first contact."),
      ("p", 5, "The Watch is run by 15 volunteers and can be reached on 028 9099 0000.")]]))

# pdf08: long, monthly table with four outcome columns
T = "Written evidence submitted by the Coastal Communities Online Safety Alliance (OSH0107)"
DOCS.append(Doc(
    "pdf08_coastal_alliance_long", written_meta(131802, T, "2024-09-03"), "OSH0107", "Page {n}",
    [[("title", T),
      ("p", 1, "In the first quarter of 2024 the Alliance flagged 1,250^1 accounts to the plat~forms. Of these, "
               "993 were ta|ken down, which is nearly 80 per cent of the accounts we flagged."),
      ("p", 2, "Adverts were found on Facebook, Instagram, TikTok, YouTube and Snapchat; in Viet~nam~ese on "
               "Zalo; and in Russian on VKontakte and Odnoklassniki."),
      ("p", 3, "We reviewed a further 2,900 posts that did not meet our thresh~old for referral."),
      ("p", 4, "Response times ranged from 2 hours to 19 days, and referrals rose 12% on the previous quarter.")],
     [("table", "Table 1: Accounts flagged and their outcomes, by month",
       ["Month", "Flagged", "Taken down", "Left online", "Under review"],
       [["January 2024", "410", "322", "61", "27"], ["February 2024", "388", "301", "55", "32"],
        ["March 2024", "452", "370", "48", "34"]], [110, 80, 80, 80, 90]),
      ("p", 5, "Under review means that the plat~form had not reached a de~ci~sion when we com~piled the table.")]],
    {0: [(1, "Duplicate reports of the same account are counted once.")]}))

# pdf09: press release PDF, headline repeated in body, per-platform parts
T = "Almost 1,900 smuggling posts flagged to social media firms"
DOCS.append(Doc(
    "pdf09_rocu_press_release",
    {"url": "https://www.serocu.example.police.uk/media/press-releases/2023-08-14.pdf", "title": T,
     "published": "2023-08-14", "kind": "press_release", "publisher": "South East Regional Organised Crime Unit"},
    "South East Regional Organised Crime Unit - Press release", "Page {n} of {total}",
    [[("title", T),
      ("line", "14 August 2023"),
      ("line", "Officers flagged almost 1,900 posts be|tween February and July 2023, including 640 videos to "
               "TikTok, 410 posts to Instagram and 310 accounts to Snapchat."),
      ("line", "Of the posts flagged, roughly 74 per cent were removed."),
      ("line", "Notes to editors: the unit has 16 officers. Media enquiries: 01632 960 777.")]]))

# pdf10: a sentence hyphenated across the page break, with the running header in between
T = "Written evidence submitted by the Humber Ports Online Intelligence Service (PSE0029)"
DOCS.append(Doc(
    "pdf10_humber_page_break", written_meta(109215, T, "2022-04-20"), "PSE0029", "Page {n}",
    [[("title", T),
      ("p", 1, "The Service is a team of 7 officers based in Hull. It began referring content to social media "
               "companies in 2019."),
      ("p", 2, "Our work focuses on adverts for lorry crossings from the Nether~lands and Belgium, and on the sale "
               "of false documents to people who want to travel to the UK."),
      ("p", 3, "In 2021 the Service referred 2,140^1 accounts to the plat-")],
     [("cont", "forms, of which 1,870 were removed by 31 March 2022."),
      ("p", 4, "The rest were still under review at that date."),
      ("p", 5, "A breakdown by platform is not available because YouTube and TikTok report in dif~fer~ent "
               "formats.")]],
    {0: [(1, "Accounts, not individual posts.")]}))

# pdf11: long transparency report, 6 x 4 outcome table
T = "Welsh Online Harms Referral Service: Annual Transparency Report 2022/23"
DOCS.append(Doc(
    "pdf11_wales_transparency_long",
    {"url": "https://www.wohrs.example.wales/reports/transparency-2022-23.pdf", "title": T,
     "published": "2023-06-12", "kind": "report", "publisher": "Welsh Online Harms Referral Service"},
    "Annual Transparency Report 2022/23", "Page {n}",
    [[("title", T),
      ("p", 1, "In 2022/23 the Service re|ferred 2,600 items to platforms. As at 30 April 2023, 2,197 had been "
               "removed, 303 had not been removed and 100 were pending."),
      ("p", 2, "Telegram had the lowest removal rate, and X the highest share of refusals."),
      ("p", 3, "The Service's budget was £640,000 and it has 9 staff."
       )],
     [("table", "Table 1: Items referred in 2022/23 and their outcomes, by platform",
       ["Platform", "Referred", "Removed", "Not removed", "Pending"],
       [["Facebook", "820", "700", "90", "30"], ["Instagram", "610", "540", "50", "20"],
        ["TikTok", "455", "400", "40", "15"], ["YouTube", "300", "281", "12", "7"],
        ["X", "260", "180", "64", "16"], ["Telegram", "155", "96", "47", "12"]], [110, 80, 80, 90, 80])]]))

# pdf12: fewer than, less than, up to
T = "Written evidence submitted by the Cross-Border Harms Alliance (OHB0090)"
DOCS.append(Doc(
    "pdf12_cross_border_alliance", written_meta(5507, T, "2020-06-30", "Digital, Culture, Media and Sport Committee"),
    "OHB0090", "Page {n}",
    [[("title", T),
      ("p", 1, "In 2019 the Alliance re|ferred fewer than 800 pages to Facebook and less than 150 to YouTube."),
      ("p", 2, "Up to 35% of the pages we referred in 2019 remained live three months later."),
      ("p", 3, "Facebook's own figures show a 60% increase in removals over the same period."
       ),
      ("p", 4, "The Alliance employs 5 staff.")]]))


def main() -> None:
    for doc in DOCS:
        render(doc)
    print(f"wrote {len(DOCS)} PDFs to {HERE}")


if __name__ == "__main__":
    main()
