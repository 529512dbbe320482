"""HTML parsing on small pages in the shapes of the real sources (fixtures/parse/*.html)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.document import Document
from pipeline.parse import ParseError, parse

FIXTURES = Path(__file__).parent / "fixtures" / "parse"


def _parse(name: str, **kwargs) -> Document:
    return parse((FIXTURES / name).read_bytes(), "html", **kwargs)


def _blocks(doc: Document, kind: str | None = None) -> list[str]:
    return [doc.text[b.start : b.end] for b in doc.blocks if kind is None or b.kind == kind]


def _assert_spans_consistent(doc: Document) -> None:
    previous_end = -1
    for block in doc.blocks:
        piece = doc.text[block.start : block.end]
        assert piece == piece.strip() and piece, block
        assert block.start > previous_end
        previous_end = block.end
    for table in doc.tables:
        for row in table.rows:
            for cell in row:
                assert doc.text[cell.start : cell.end] == cell.text


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.html")))
def test_offsets_slice_back_out(name: str) -> None:
    _assert_spans_consistent(_parse(name))


def test_committee_written_evidence_word_export() -> None:
    doc = _parse("committee_written.html")
    assert doc.title == ("Supplementary written evidence submitted by Jo Bloggs, Director, Example Agency (XYZ0042)")
    assert doc.text.count("Supplementary written evidence") == 1
    # Footnote anchor and <sup> marker dropped, figures intact.
    assert "578 had been closed, 485 remained open and 155 were awaiting" in doc.text
    assert "4851" not in doc.text and "[1]" not in doc.text
    assert "Instagram, 402 were taken down" in doc.text
    # &nbsp;, soft hyphen, zero-width space and the fi ligature normalised.
    assert "referred 1,218 social media pages" in doc.text
    assert "Facebook, Instagram and Telegram; reports were filed weekly." in doc.text
    # Each one-item <ol> is its own block; no sentence runs from one into the next.
    assert _blocks(doc, "list_item")[0] == "Thank you for the opportunity to give evidence on 3 September 2020."
    assert len(_blocks(doc, "list_item")) == 3
    assert _blocks(doc, "footnote") == ["Of which 60 were later removed after appeal."]
    # Header, breadcrumb, navigation, footer social links and scripts are gone.
    for furniture in ("UK Parliament", "Committees", "Home Affairs Committee", "YouTube", "dataLayer"):
        assert furniture not in doc.text
    assert doc.text.count("Twitter") == 1  # the table row, not the footer link


def test_html_table_keeps_headers_and_rows() -> None:
    doc = _parse("committee_written.html")
    (table,) = doc.tables
    assert table.header_rows == 1
    assert [[c.text for c in row] for row in table.rows] == [
        ["Platform", "Referred", "Removed"],
        ["Facebook", "700", "400"],
        ["Twitter", "518", "178"],
    ]
    assert _blocks(doc, "table_row") == ["Platform | Referred | Removed", "Facebook | 700 | 400", "Twitter | 518 | 178"]
    assert "Platform | Referred | Removed\nFacebook | 700 | 400\nTwitter | 518 | 178" in doc.text


def test_oral_evidence_transcript() -> None:
    doc = _parse("oral_evidence.html")
    assert doc.title == "Oral evidence: Channel crossings, HC 705"
    assert doc.text.count("Oral evidence") == 1
    assert doc.published is not None and doc.published.isoformat() == "2020-12-02"
    assert "Q577 Chair: How many accounts were referred to TikTok?" in _blocks(doc)
    # A single <br> is a line break inside the answer, not a block boundary.
    assert "Witness: We referred 310 accounts to TikTok and 90 to Snapchat." in _blocks(doc)
    for furniture in ("cookies", "Skip to main content", "Follow us", "Instagram", "Accept"):
        assert furniture not in doc.text


def test_press_release_with_cookie_banner_and_sidebar() -> None:
    doc = _parse("press_release_sidebar.html")
    assert doc.title == "Agency says platforms refuse to remove pages"
    assert doc.text.count("Agency says platforms refuse to remove pages") == 1  # h1 and h2 repeat
    assert doc.published is not None and doc.published.isoformat() == "2020-11-10"
    assert _blocks(doc, "list_item") == ["“578 had been closed,” the paper says.", "485 remained open."]
    for furniture in (
        "cookies",
        "I Understand",
        "Follow us",
        "Twitter",
        "newsletter",
        "Subscribe",
        "Older release",
        "Print",
        "Press releases",
        "Briefings",
    ):
        assert furniture not in doc.text
    assert doc.text.count("Facebook") == 1


def test_joomla_article_with_microdata() -> None:
    doc = _parse("nca_article.html")
    assert doc.title == "Thousands of posts removed after referrals"
    assert doc.published is not None and doc.published.isoformat() == "2023-04-24"
    assert _blocks(doc)[1].startswith("More than 3,300 posts, pages or accounts")
    for furniture in ("Organised immigration crime", "Most read", "Telegram", "About us", "Follow us"):
        assert furniture not in doc.text
    assert doc.text.count("Twitter") == 1


def test_govuk_press_release() -> None:
    doc = _parse("govuk_press_release.html")
    assert doc.title == "New powers to tackle smuggling adverts"
    assert doc.published is not None and doc.published.isoformat() == "2025-01-06"
    assert "More than 10,000 accounts were shut down in the last year after referrals to platforms." in _blocks(doc)
    assert "Background" in _blocks(doc, "heading")
    assert "“We will not let criminals advertise,” the minister said." in _blocks(doc)
    for furniture in ("Cookies", "Share", "Related content", "Telegram", "useful", "YouTube", "Crime, justice"):
        assert furniture not in doc.text


def test_news_page_with_share_bar() -> None:
    doc = _parse("news_share_bar.html")
    assert doc.title == "Hundreds of pages left online"
    assert doc.published is not None and doc.published.isoformat() == "2021-10-02"
    assert "Police referred nearly 700 pages to the platforms over the summer." in _blocks(doc)
    assert doc.text.count("WhatsApp") == 1  # the sentence, not the share button
    for furniture in ("Share on", "Facebook", "Twitter", "Telegram", "Most viewed", "Instagram", "World"):
        assert furniture not in doc.text


def test_page_without_semantic_markup() -> None:
    doc = _parse("plain_layout.html")
    assert doc.title == "Annual report on referrals"
    # Two <br> in a row separate paragraphs.
    assert _blocks(doc)[1:] == [
        "In the twelve months to 31 March 2021 the unit referred 2,065 items.",
        "Removed items numbered 1,884.",
        "A further 120 were under review.",
    ]
    for furniture in ("Home", "About", "Contact", "Facebook", "Twitter"):
        assert furniture not in doc.text


def test_selectors_a_source_configures() -> None:
    page = b"""<html><head><title>Site</title></head><body>
      <div class="box"><h2 class="headline">Real headline</h2></div>
      <div class="content main"><p>First paragraph with 12 referrals.</p></div>
      <div class="content other"><p>Unrelated text.</p></div></body></html>"""
    doc = parse(page, "html", body_selector="div.content.main", title_selector=".box > h2.headline")
    assert doc.text == "Real headline\n\nFirst paragraph with 12 referrals."


def test_unsupported_selector_is_refused() -> None:
    with pytest.raises(ParseError) as err:
        parse(b"<p>x</p>", "html", body_selector="div:nth-child(2)")
    assert err.value.reason == "bad_selector"


def test_title_falls_back_to_title_tag_then_hint() -> None:
    page = (
        b"<html><head><title>Referral statistics | Example Unit</title></head><body><p>We referred 5.</p></body></html>"
    )
    assert parse(page, "html").title == "Referral statistics"
    bare = b"<html><body><p>We referred 5.</p></body></html>"
    doc = parse(bare, "html", title_hint="From metadata")
    assert doc.title == "From metadata"
    assert doc.text == "From metadata\n\nWe referred 5."


def test_footnote_markers_in_plain_text_and_superscripts() -> None:
    page = "<html><body><p>Of these 485[1] remained and 402² were removed; see note<sup>[3]</sup>.</p></body></html>"
    doc = parse(page.encode("utf-8"), "html", title_hint="T")
    assert "Of these 485 remained and 402 were removed; see note." in doc.text


def test_colspan_and_rowspan_share_one_cell() -> None:
    page = b"""<html><body><p>Intro.</p><table>
      <tr><th rowspan="2">Platform</th><th colspan="2">2021</th></tr>
      <tr><th>Referred</th><th>Removed</th></tr>
      <tr><td>TikTok</td><td>90</td><td>81</td></tr></table></body></html>"""
    doc = parse(page, "html", title_hint="T")
    (table,) = doc.tables
    assert table.header_rows == 2
    assert [[c.text for c in row] for row in table.rows] == [
        ["Platform", "2021", "2021"],
        ["Platform", "Referred", "Removed"],
        ["TikTok", "90", "81"],
    ]
    assert table.rows[0][1] is table.rows[0][2] and table.rows[0][0] is table.rows[1][0]
    assert _blocks(doc, "table_row") == ["Platform | 2021", "Referred | Removed", "TikTok | 90 | 81"]
    assert doc.text.count("2021") == 1


def test_empty_main_content_is_an_error() -> None:
    page = b"<html><head><title>Nothing here</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    with pytest.raises(ParseError) as err:
        parse(page, "html")
    assert err.value.reason == "empty_document"
    with pytest.raises(ParseError) as err:
        parse(b"   ", "html")
    assert err.value.reason == "empty_document"


def test_windows_1252_bytes_are_decoded() -> None:
    page = "<html><body><p>The unit’s figures: 1,218 pages – all referred.</p></body></html>".encode("cp1252")
    doc = parse(page, "html", title_hint="T")
    assert "The unit’s figures: 1,218 pages – all referred." in doc.text


def test_text_directly_in_the_body_and_fragments() -> None:
    doc = parse(
        b"<html><body>Loose text with 12 referrals.<div>A div.</div> Tail text.</body></html>", "html", title_hint="T"
    )
    assert doc.text == "T\n\nLoose text with 12 referrals.\n\nA div.\n\nTail text."
    fragment = b'<div class="govspeak"><p>More than 10,000 accounts were shut.</p><h2>Notes</h2></div>'
    doc = parse(fragment, "html", title_hint="Content API body")
    assert doc.text == "Content API body\n\nMore than 10,000 accounts were shut.\n\nNotes"


def test_related_headline_lists_and_side_columns_are_not_document_text() -> None:
    page = b"""<html><head><title>Year in numbers | Example Watch</title></head><body>
    <div class="topline"><a href="/">Example Watch</a></div>
    <div class="leftColumn"><h3>Recent press releases</h3>
      <ul><li><a href="/press-release/400/x">More than 3,100 pages referred, yet few removed</a></li></ul></div>
    <div class="centreColumn"><h1>The year in numbers</h1>
      <p><em>March 2, 2023</em></p>
      <p>The agency referred 2,950 pages to the platforms in 2022, and most were taken down within a month.</p>
      <h3>Further reading</h3>
      <ul><li><a href="/a">Crossings: 416 in a single day</a></li>
          <li><a href="/b">Over 12,000 posts removed</a></li></ul>
      <ul><li>Facebook removed the most pages.</li><li>TikTok removed <a href="/t">fewer</a> than before.</li></ul>
    </div></body></html>"""
    doc = parse(page, "html")
    assert doc.title == "The year in numbers"
    assert "2,950 pages" in doc.text
    for gone in ("3,100", "Recent press releases", "Further reading", "416", "12,000", "Example Watch"):
        assert gone not in doc.text, gone
    assert "Facebook removed the most pages." in doc.text  # a list of prose stays, links or not
    _assert_spans_consistent(doc)


def test_a_page_tools_bar_of_share_links_is_not_document_text() -> None:
    html = (
        b"<html><head><title>Notice</title></head><body><main><h1>Notice</h1>"
        b"<p>We flagged 52 accounts to the platforms this spring.</p>"
        b'<div class="article-tools"><p>Pass it on</p><a href="#">Reddit</a> <a href="#">Tumblr</a></div>'
        b"</main></body></html>"
    )
    doc = parse(html, "html")
    assert "52 accounts" in doc.text
    assert "Reddit" not in doc.text and "Tumblr" not in doc.text


def test_a_second_h1_inside_the_article_is_a_heading() -> None:
    # Word exports and some CMSs mark section titles as h1; only the first h1 is the title. A
    # second constant shadowed the heading tags once, leaving such an h1 a paragraph.
    page = (b"<html><head><title>Evidence</title></head><body><article>"
            b"<h1>Written evidence from the Example Trust</h1><p>We referred 40 posts in 2023.</p>"
            b"<h1>Annex: referrals by platform</h1><p>Of these, 12 were removed.</p>"
            b"</article></body></html>")
    doc = parse(page, "html")
    assert doc.title == "Written evidence from the Example Trust"
    assert "Annex: referrals by platform" in _blocks(doc, "heading")
