"""Builds the demo snapshot: recorded responses in the real sites' shapes, and their manifest.

Run from the repository root with `.venv/bin/python snapshot/build_snapshot.py`. It reads the
hand-written documents under snapshot/documents/ and writes snapshot/responses/ (API envelopes
with base64 `data`, listing pages, article pages, robots.txt files) and snapshot/manifest.json.
The output is committed, so the demo needs nothing but the files; rerun this after changing a
document or snapshot/sources.yaml.

The list queries are taken from the source modules themselves (`parliament.list_params`,
`govuk.search_params`) with the options in snapshot/sources.yaml, so the snapshot answers exactly
the requests the connectors make. Every document is written for the demo (see snapshot/README.md).
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import shutil
import sys
import zipfile
import zlib
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

import requests
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))

from pipeline.config import load_config  # noqa: E402
from pipeline.sources import govuk, parliament  # noqa: E402

DOCS = ROOT / "documents"
OUT = ROOT / "responses"
JSON = "application/json; charset=utf-8"
HTML = "text/html; charset=utf-8"
TEXT = "text/plain; charset=utf-8"

manifest: list[dict[str, Any]] = []


def full_url(url: str, params: dict[str, Any] | None = None) -> str:
    return requests.Request("GET", url, params=params).prepare().url or url


def record(url: str, body: bytes | None, content_type: str, status: int = 200) -> None:
    """Writes one response body under responses/<host>/<path> and adds it to the manifest."""
    parts = urlsplit(url)
    name = parts.path.strip("/") or "index"
    if parts.query:
        query = re.sub(r"[^A-Za-z0-9=_.-]+", "_", parts.query)
        name += "__" + (query if len(query) <= 60 else hashlib.sha1(parts.query.encode()).hexdigest()[:12])
    entry: dict[str, Any] = {"url": url, "status": status, "headers": {"Content-Type": content_type}}
    if body is not None:
        ext = {JSON: ".json", HTML: ".html", TEXT: ".txt"}.get(content_type, ".json")
        path = OUT / parts.netloc / f"{name}{'' if name.endswith(ext) else ext}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
        entry["body"] = str(path.relative_to(ROOT))
    manifest.append(entry)


def as_json(value: Any) -> bytes:
    return json.dumps(value, indent=1, ensure_ascii=False).encode()


def front_matter(path: Path) -> tuple[dict[str, Any], str]:
    """Documents under documents/ start with an HTML comment holding their JSON metadata."""
    text = path.read_text(encoding="utf-8")
    match = re.match(r"<!--\s*(\{.*?\})\s*-->\n", text, re.S)
    if not match:
        raise SystemExit(f"{path}: expected a <!-- {{json}} --> first line")
    return json.loads(match.group(1)), text[match.end():]


# -- file formats -------------------------------------------------------------------------------

PAGE_W, PAGE_H = A4
MARGIN = 60
SUPERSCRIPT = re.compile(r"\{\^(\w+)\}")


def render_pdf(source: Path) -> bytes:
    """A PDF laid out line by line as the text file has it (so hyphenated breaks stay where they
    are written), with a running header, 'Page n of m' footers and real superscript markers.

    Text format: optional `HEADER: ...` first line; `# ` starts a bold heading; `<<<PAGE>>>` breaks
    the page; `FOOTNOTE: ` lines go to the foot of their page; `{^2}` is a superscript 2."""
    lines = source.read_text(encoding="utf-8").splitlines()
    header = lines.pop(0)[len("HEADER: "):] if lines and lines[0].startswith("HEADER: ") else ""
    pages: list[list[str]] = [[]]
    for line in lines:
        if line.strip() == "<<<PAGE>>>":
            pages.append([])
        else:
            pages[-1].append(line)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.setTitle(source.stem)
    for number, page in enumerate(pages, start=1):
        if header:
            pdf.setFont("Helvetica-Oblique", 8)
            pdf.drawString(MARGIN, PAGE_H - 40, header)
        y = PAGE_H - 80
        for line in page:
            if line.startswith("FOOTNOTE: "):
                pdf.line(MARGIN, 95, MARGIN + 120, 95)
                draw_line(pdf, MARGIN, 82, line[len("FOOTNOTE: "):], "Helvetica", 7.5, source)
            elif line.startswith("# "):
                y -= 6
                draw_line(pdf, MARGIN, y, line[2:], "Helvetica-Bold", 12, source)
                y -= 20
            elif not line.strip():
                y -= 8
            else:
                draw_line(pdf, MARGIN, y, line, "Helvetica", 10, source)
                y -= 14
        pdf.setFont("Helvetica", 8)
        pdf.drawCentredString(PAGE_W / 2, 40, f"Page {number} of {len(pages)}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def draw_line(pdf: canvas.Canvas, x: float, y: float, line: str, font: str, size: float, source: Path) -> None:
    start = x
    for i, piece in enumerate(SUPERSCRIPT.split(line)):
        superscript = i % 2 == 1
        face, points, rise = (font, size * 0.6, size * 0.4) if superscript else (font, size, 0)
        pdf.setFont(face, points)
        pdf.drawString(x, y + rise, piece)
        x += stringWidth(piece, face, points)
    if x > PAGE_W - MARGIN + 1:
        raise SystemExit(f"{source}: line too wide for the page ({x - start:.0f}pt): {line!r}")


def render_docx(source: Path) -> bytes:
    """A minimal Word file: the first line bold, one paragraph per further line."""
    paragraphs = [p for p in source.read_text(encoding="utf-8").splitlines() if p.strip()]
    body = "".join(
        f'<w:p><w:r>{"<w:rPr><w:b/></w:rPr>" if i == 0 else ""}'
        f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
        for i, text in enumerate(paragraphs))
    parts = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2020, 8, 1, 0, 0, 0)), xml)
    return buffer.getvalue()


# -- UK Parliament Committees API ---------------------------------------------------------------

COMMITTEE = {"id": 83, "name": "Home Affairs Committee", "house": "Commons",
             "leadHouse": {"isCommons": True, "isLords": False}, "category": {"id": 1, "name": "Select"},
             "showOnWebsite": True}
INQUIRY = {"id": 1087, "title": "Channel crossings, migration and asylum-seeking routes through the EU",
           "type": {"id": 1, "name": "Inquiry", "isInquiry": True, "description": "Inquiry"},
           "openDate": "2020-08-06T00:00:00", "closeDate": None}
HC705 = {"number": "705", "sessionId": 34, "sessionDescription": "2019-21"}
HC199 = {"number": "199", "sessionId": 37, "sessionDescription": "2022-23"}
FORMAT_EXT = {"Html": "html", "Pdf": "pdf"}


def person(name: str, organisation: str | None = None, role: str | None = None) -> dict[str, Any]:
    orgs = [{"name": organisation, "role": role, "idmsId": None, "cisId": None}] if organisation else []
    return {"id": zlib.crc32(name.encode()) % 100000, "personId": None, "name": name, "photoUrl": None,
            "memberInfo": None, "organisations": orgs, "submitterType": "Individual", "additionalContext": None}


def organisation(name: str) -> dict[str, Any]:
    return {"id": None, "personId": None, "name": None, "photoUrl": None, "memberInfo": None,
            "organisations": [{"name": name, "role": None, "idmsId": None, "cisId": None}],
            "submitterType": "Organisation", "additionalContext": None}


# Each file: format -> (file name, bytes) or format -> status for a conversion that fails.
def written_evidence() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    p = DOCS / "parliament"
    specs = [
        (12890, "CHA0090", "2020-10-20", [organisation("Kent Coastal Volunteers")],
         {"Pdf": ("CHA0090.pdf", (p / "CHA0090.corrupt").read_bytes())}),
        (12615, "CHA0051", "2020-10-07",
         [person("Rob Jones", "National Crime Agency", "Director of Threat Leadership")],
         {"Html": ("CHA0051.html", (p / "CHA0051.html").read_bytes()), "Pdf": None, "OriginalFormat": None}),
        (12588, "CHA0079", "2020-10-07", [organisation("Channel Rescue Observatory")],
         {"Html": 500, "Pdf": ("CHA0079.pdf", render_pdf(p / "CHA0079.txt"))}),
        (12301, "CHA0064", "2020-09-29", [organisation("Shoreline Refuge Network")],
         {"Pdf": ("CHA0064.pdf", render_pdf(p / "CHA0064.txt"))}),
        (12020, "CHA0042", "2020-09-22", [person("Dr Amelia Hart")],
         {"OriginalFormat": ("CHA0042.docx", render_docx(p / "CHA0042.txt"))}),
    ]
    out = []
    for api_id, ref, published, witnesses, files in specs:
        item = {"id": api_id, "publicationDate": f"{published}T00:00:00", "witnesses": witnesses,
                "document": document(api_id * 10 + 1, ref, files), "committees": [COMMITTEE],
                "submissionId": f"00000000-0000-4000-8000-{api_id:012d}", "internalReference": ref,
                "committeeBusiness": INQUIRY, "hcNumber": HC705,
                "legacyHtmlUrl": None, "legacyPdfUrl": None, "anonymous": False, "anonymousWitnessText": None}
        out.append((item, files))
    return out


def document(document_id: int, stem: str, files: dict[str, Any]) -> dict[str, Any]:
    listed = []
    for fmt, payload in files.items():
        name = payload[0] if isinstance(payload, tuple) else f"{stem}.{FORMAT_EXT.get(fmt, 'docx')}"
        listed.append({"fileName": name, "fileSize": len(payload[1]) if isinstance(payload, tuple) else 20480,
                       "fileDataFormat": fmt, "url": None})
    return {"documentId": document_id, "files": listed}


def record_files(api_prefix: str, files: dict[str, Any]) -> None:
    """Records the formats the connector will ask for: in order, up to the first that works."""
    for fmt in parliament.FORMAT_ORDER:
        payload = files.get(fmt, "absent")
        if payload == "absent":
            continue
        url = f"{api_prefix}/{fmt}"
        if payload is None:
            raise SystemExit(f"{url}: listed format would be requested but has no recording")
        if isinstance(payload, int):
            problem = {"type": "https://tools.ietf.org/html/rfc7231#section-6.6.1",
                       "title": "An error occurred while processing your request.", "status": payload}
            record(url, as_json(problem), "application/problem+json; charset=utf-8", status=payload)
            continue
        name, data = payload
        record(url, as_json({"fileName": name, "fileSize": len(data), "fileDataFormat": fmt, "url": None,
                             "data": base64.b64encode(data).decode()}), JSON)
        return


def build_parliament(cfg: Any) -> None:
    base = cfg.base_url.rstrip("/")
    window = parliament.windows(cfg.since, date.fromisoformat(str(cfg.get("until"))), cfg.get("window_days"))
    if len(window) != 1:
        raise SystemExit("sources.yaml: the demo records exactly one StartDate/EndDate window")
    take, committee = cfg.get("take"), cfg.get("committee_ids")[0]

    def listing(collection: str, items: list[dict[str, Any]]) -> None:
        for skip in range(0, max(len(items), 1), take):
            params = parliament.list_params(committee, window[0], skip, take)
            record(full_url(f"{base}/{collection}", params),
                   as_json({"items": items[skip:skip + take], "totalResults": len(items), "itemsPerPage": take,
                            "links": [{"rel": "self", "href": full_url(f"{base}/{collection}", params),
                                       "method": "GET"}]}), JSON)

    written = written_evidence()
    listing("WrittenEvidence", [item for item, _ in written])
    for item, files in written:
        record_files(f"{base}/WrittenEvidence/{item['id']}/Document", files)

    oral_files = {"Html": ("oral-1016.html", (DOCS / "parliament" / "oral-1016.html").read_bytes()), "Pdf": None}
    oral = {"id": 1016, "publicationDate": "2020-09-08T00:00:00", "meetingDate": "2020-09-03T00:00:00",
            "activityStartDate": "2020-09-03T14:30:00", "activityId": 10493,
            "witnesses": [person("Dan O'Mahoney", "Home Office", "Clandestine Channel Threat Commander"),
                          person("Rob Jones", "National Crime Agency", "Director of Threat Leadership"),
                          person("Abi Tierney", "UK Visas and Immigration", "Director General")],
            "document": document(10161, "oral-1016", oral_files), "committees": [COMMITTEE],
            "committeeBusinesses": [INQUIRY], "hcNumbers": [HC705], "legacyHtmlUrl": None, "legacyPdfUrl": None}
    listing("OralEvidence", [oral])
    record_files(f"{base}/OralEvidence/1016/Document", oral_files)

    report_files = {"Pdf": ("HC 199 - Channel crossings, migration and asylum.pdf",
                            render_pdf(DOCS / "parliament" / "HC199-report.txt"))}
    response_files = {"Html": ("Government response HC 199.html",
                               (DOCS / "parliament" / "HC199-government-response.html").read_bytes()),
                      "OriginalFormat": None}
    publications = [
        publication(25930, 170021, "Channel crossings, migration and asylum: Government Response to the "
                    "Committee's First Report", "2022-10-20", {"id": 2, "name": "Government Response"},
                    None, response_files, responds_to=24071),
        publication(24071, 164780, "Channel crossings, migration and asylum", "2022-07-18",
                    {"id": 1, "name": "Report"}, HC199, report_files),
    ]
    listing("Publications", publications)
    for pub, files in ((publications[0], response_files), (publications[1], report_files)):
        record_files(f"{base}/Publications/{pub['id']}/Document/{pub['documents'][0]['documentId']}", files)
    record("https://committees-api.parliament.uk/robots.txt", b"User-agent: *\nDisallow:\n", TEXT)


def publication(pub_id: int, document_id: int, description: str, published: str, type_: dict[str, Any],
                hc_number: dict[str, Any] | None, files: dict[str, Any], responds_to: int | None = None
                ) -> dict[str, Any]:
    return {"id": pub_id, "description": description, "publicationStartDate": f"{published}T00:00:00",
            "publicationEndDate": None, "documents": [document(document_id, description, files)],
            "hcNumber": hc_number, "hlPaper": None,
            "type": {**type_, "description": type_["name"], "iconKey": None, "plural": None},
            "responseToPublicationId": responds_to, "governmentResponses": [], "additionalContentUrl": None,
            "additionalContentUrl2": None, "respondingDepartment": None, "businesses": [INQUIRY],
            "committee": COMMITTEE}


# -- Migration Watch UK -------------------------------------------------------------------------

MW_CHROME = """<div id="cookie-banner"><p>We use cookies to help us improve the website.</p>
<a class="button" href="#">I Understand</a></div>
<div class="header"><a href="/" class="logo">Migration Watch UK</a>
<ul class="nav"><li><a href="/briefing-papers">Briefing papers</a></li>
<li><a href="/press-releases">Press releases</a></li>
<li><a href="/media-reports">Media reports</a></li><li><a href="/about">About us</a></li></ul></div>"""
MW_SIDEBAR = """<div class="sideColumn"><h3>Keep in touch</h3>
<p><a href="https://twitter.com/MigrationWatchUK">Follow us on Twitter</a></p>
<p><a href="https://www.facebook.com/MigrationWatchUK">Follow us on Facebook</a></p>
<p>Subscribe to our newsletter for the latest briefings.</p></div>"""


def mw_date(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def mw_page(title: str, main: str) -> bytes:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)} | '
            f'Migration Watch UK</title></head>\n<body>\n{MW_CHROME}\n{main}\n{MW_SIDEBAR}\n'
            f'<div class="footer">&copy; Migration Watch UK</div>\n</body></html>\n').encode()


def build_migrationwatch(cfg: Any) -> None:
    base = cfg.base_url.rstrip("/")
    releases = {}
    for path in sorted(DOCS.glob("migrationwatch/*.html")):
        meta, body = front_matter(path)
        meta["day"] = date.fromisoformat(meta["date"])
        meta["href"] = f"/press-release/{meta['id']}/{meta['slug']}"
        releases[meta["id"]] = (meta, body)
        title = escape(meta["title"])
        main = (f'<div class="mainColumn"><h1>{title}</h1>\n<div class="article"><h2>{title}</h2>\n'
                f'<p><em>{mw_date(meta["day"])}</em></p>\n{body}</div></div>')
        record(f"{base}{meta['href']}", mw_page(meta["title"], main), HTML)
    pages = [[641, 623], [598], []]  # newest first; the third page lists nothing, which ends the walk
    for number, ids in enumerate(pages, start=1):
        entries = "\n".join(
            f'<div class="item"><h2><a href="{releases[i][0]["href"]}">{escape(releases[i][0]["title"])}</a>'
            f'</h2><p class="date">{mw_date(releases[i][0]["day"])}</p></div>' for i in ids)
        pager = f'<div class="pager"><a href="/press-releases?page={number + 1}">Next</a></div>' if ids else ""
        main = f'<div class="middleColumn"><h1>Press Releases</h1>\n{entries}\n{pager}</div>'
        url = f"{base}/press-releases" + (f"?page={number}" if number > 1 else "")
        record(url, mw_page("Press Releases", main), HTML)
    record(f"{base}/robots.txt", b"User-agent: *\nDisallow: /admin/\n", TEXT)


# -- National Crime Agency ----------------------------------------------------------------------

NCA_HEAD = """<div class="header"><a class="brand" href="/">National Crime Agency</a>
<ul class="nav menu"><li><a href="/what-we-do">What we do</a></li><li><a href="/news">News</a></li>
<li><a href="/careers">Careers</a></li><li><a href="/contact-us">Contact us</a></li></ul></div>"""
NCA_FOOT = """<div class="footer"><p>Follow the NCA on <a href="https://twitter.com/NCA_UK">X</a>,
<a href="https://www.facebook.com/NationalCrimeAgency">Facebook</a>,
<a href="https://www.instagram.com/nationalcrimeagency/">Instagram</a> and
<a href="https://www.youtube.com/user/NationalCrimeAgency">YouTube</a>.</p><p>&copy; Crown copyright</p></div>"""


def nca_page(title: str, main: str) -> bytes:
    return (f'<!DOCTYPE html>\n<html lang="en-gb"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'</head>\n<body class="site">\n{NCA_HEAD}\n<div class="container">{main}</div>\n{NCA_FOOT}\n'
            f'</body></html>\n').encode()


def build_nca(cfg: Any) -> None:
    base = cfg.base_url.rstrip("/")
    articles = []
    for path in sorted(DOCS.glob("nca/*.html"), reverse=True):  # file names are dates: newest first
        meta, body = front_matter(path)
        href = f"/news/{meta['slug']}"
        title = escape(meta["title"])
        tags = "".join(f'<li itemprop="keywords"><a href="/news?tag=x">{escape(t)}</a></li>' for t in meta["tags"])
        share = (f'<div class="share-bar">Share: <a href="https://www.facebook.com/sharer.php?u={base}{href}">'
                 f'Facebook</a> <a href="https://twitter.com/intent/tweet?url={base}{href}">X (Twitter)</a> '
                 f'<a href="https://www.linkedin.com/shareArticle?url={base}{href}">LinkedIn</a></div>')
        main = (f'<div class="item-page" itemscope itemtype="https://schema.org/Article">\n'
                f'<div class="page-header"><h1 itemprop="headline">{title}</h1></div>\n'
                f'<ul class="tags inline">{tags}</ul>\n<div itemprop="articleBody">\n{body}</div>\n{share}\n</div>')
        record(f"{base}{href}", nca_page(meta["title"], main), HTML)
        intro = re.sub(r"<[^>]+>", "", body.strip().split("\n")[0])
        articles.append((href, title, intro))
    pages = [articles[:4], articles[4:], []]  # the site shows 16 a page; the demo has fewer
    for number, entries in enumerate(pages):
        items = "\n".join(
            f'<div class="row-fluid"><div class="span12"><div class="page-header"><h2 itemprop="name">'
            f'<a href="{href}" itemprop="url">{title}</a></h2></div><p>{escape(intro)}</p></div></div>'
            for href, title, intro in entries)
        pager = f'<div class="pagination"><a href="/news?start={(number + 1) * 16}">Next</a></div>' if entries else ""
        main = f'<div class="blog news-page" itemscope itemtype="https://schema.org/Blog">\n{items}\n</div>{pager}'
        record(f"{base}/news?start={number * 16}", nca_page("News", main), HTML)
    robots = ("User-agent: *\nDisallow: /administrator/\nDisallow: /bin/\nDisallow: /cache/\n"
              "Disallow: /cli/\nDisallow: /components/\nDisallow: /includes/\nDisallow: /installation/\n"
              "Disallow: /language/\nDisallow: /layouts/\nDisallow: /libraries/\nDisallow: /logs/\n"
              "Disallow: /modules/\nDisallow: /plugins/\nDisallow: /tmp/\n")
    record(f"{base}/robots.txt", robots.encode(), TEXT)


# -- GOV.UK -------------------------------------------------------------------------------------

def build_govuk(cfg: Any) -> None:
    base = cfg.base_url.rstrip("/")
    items = []
    for path in sorted(DOCS.glob("govuk/*.html")):
        meta, body = front_matter(path)
        orgs = [{"content_id": f"org-{slug}", "title": title, "base_path": f"/government/organisations/{slug}",
                 "api_path": f"/api/content/government/organisations/{slug}",
                 "api_url": f"{base}/api/content/government/organisations/{slug}",
                 "web_url": f"{base}/government/organisations/{slug}", "analytics_identifier": "OT1",
                 "document_type": "organisation", "locale": "en"} for title, slug in meta["organisations"]]
        item = {"base_path": meta["base_path"], "content_id": meta["content_id"],
                "document_type": meta["document_type"], "schema_name": "news_article", "title": meta["title"],
                "description": meta["description"], "locale": "en",
                "first_published_at": meta["first_published_at"], "public_updated_at": meta["first_published_at"],
                "updated_at": meta["first_published_at"], "publishing_app": "whitehall", "withdrawn_notice": {},
                "details": {"body": body.strip(), "first_public_at": meta["first_published_at"],
                            "government": {"title": "2024 Labour government", "slug": "2024-labour-government",
                                           "current": True},
                            "political": False, "emphasised_organisations": [o["content_id"] for o in orgs],
                            "images": []},
                "links": {"organisations": orgs}}
        record(f"{base}/api/content{meta['base_path']}", as_json(item), JSON)
        items.append(item)
    items.sort(key=lambda i: i["first_published_at"], reverse=True)
    results = [{"title": i["title"], "link": i["base_path"], "public_timestamp": i["first_published_at"],
                "content_store_document_type": i["document_type"], "index": "government",
                "es_score": None, "_id": i["base_path"], "elasticsearch_type": "edition", "document_type": "edition"}
               for i in items]
    params = govuk.search_params(cfg.get("organisations"), cfg.get("document_types"), cfg.get("count"), 0)
    record(full_url(f"{base}/api/search.json", params),
           as_json({"results": results, "total": len(results), "start": 0, "aggregates": {},
                    "suggested_queries": [], "suggested_autocomplete": [], "es_cluster": "A"}), JSON)
    record(f"{base}/robots.txt", b"User-agent: *\nDisallow: /*/print\nDisallow: /search\nCrawl-delay: 0.5\n", TEXT)


def main() -> None:
    settings = load_config(ROOT / "sources.yaml")
    builders = {"parliament_committees": build_parliament, "migrationwatch": build_migrationwatch,
                "nca_news": build_nca, "govuk": build_govuk}
    if OUT.exists():
        shutil.rmtree(OUT)
    for source in settings.sources:
        if source.kind in builders:
            builders[source.kind](source)
    manifest.sort(key=lambda e: e["url"])
    (ROOT / "manifest.json").write_text(json.dumps({"responses": manifest}, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(manifest)} responses to {OUT.relative_to(ROOT.parent)} and snapshot/manifest.json")


if __name__ == "__main__":
    main()
