"""Word .docx parsing on a document assembled at test time from WordprocessingML."""

from __future__ import annotations

import io
import zipfile

import pytest

from pipeline.parse import ParseError, parse

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _p(text: str, style: str | None = None, numbered: bool = False) -> str:
    props = ""
    if style or numbered:
        props = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "")
        props += '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' if numbered else ""
        props += "</w:pPr>"
    return f"<w:p>{props}{text}</w:p>"


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


RESTART = '<w:vMerge w:val="restart"/>'
SPAN_TWO = '<w:gridSpan w:val="2"/>'
FOOTNOTE_REF = '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'


def _docx(body: str, footnotes: str | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", f"<w:document {NS}><w:body>{body}</w:body></w:document>")
        if footnotes is not None:
            z.writestr("word/footnotes.xml", f"<w:footnotes {NS}>{footnotes}</w:footnotes>")
    return buf.getvalue()


def _cell(text: str, extra: str = "") -> str:
    return f"<w:tc><w:tcPr>{extra}</w:tcPr>{_p(_r(text))}</w:tc>"


@pytest.fixture(scope="module")
def doc():
    body = (
        _p(_r("Written evidence submitted by Example Trust (ABC0001)"), style="Title")
        + _p(_r("Referrals"), style="Heading1")
        + _p(_r("We referred 946 adverts. Of these, 702") + FOOTNOTE_REF + _r(" were taken down."), numbered=True)
        + _p(
            _r("Most were on Face")
            + "<w:r><w:softHyphen/></w:r>"
            + _r("book.")
            + "<w:r><w:tab/></w:r>"
            + _r("Some on Telegram.")
        )
        + "<w:tbl>"
        + f"<w:tr>{_cell('Platform')}{_cell('Referred')}{_cell('Removed')}</w:tr>"
        + "<w:tr>"
        + _cell("Facebook", RESTART)
        + _cell("500")
        + _cell("400")
        + "</w:tr>"
        + "<w:tr>"
        + _cell("", "<w:vMerge/>")
        + _cell("Total 946", SPAN_TWO)
        + "</w:tr>"
        + "</w:tbl>"
    )
    notes = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>' + _r(" As of 15 January 2022.") + "</w:p></w:footnote>"
    )
    return parse(_docx(body, notes), "docx")


def test_title_style_gives_the_title_once(doc) -> None:
    assert doc.title == "Written evidence submitted by Example Trust (ABC0001)"
    assert doc.text.count("Example Trust") == 1


def test_footnote_reference_dropped_and_footnote_kept(doc) -> None:
    assert "Of these, 702 were taken down." in doc.text
    blocks = {(b.kind, doc.text[b.start : b.end]) for b in doc.blocks}
    assert ("footnote", "As of 15 January 2022.") in blocks
    assert ("heading", "Referrals") in blocks
    assert ("list_item", "We referred 946 adverts. Of these, 702 were taken down.") in blocks
    assert ("paragraph", "Most were on Facebook. Some on Telegram.") in blocks


def test_table_with_merged_cells(doc) -> None:
    (table,) = doc.tables
    assert [[c.text for c in row] for row in table.rows] == [
        ["Platform", "Referred", "Removed"],
        ["Facebook", "500", "400"],
        ["Facebook", "Total 946", "Total 946"],
    ]
    assert table.rows[2][0] is table.rows[1][0]
    rows = [doc.text[b.start : b.end] for b in doc.blocks if b.kind == "table_row"]
    assert rows == ["Platform | Referred | Removed", "Facebook | 500 | 400", "Total 946"]


def test_title_hint_when_no_title_style() -> None:
    doc = parse(
        _docx(_p(_r("Evidence from X")) + _p(_r("We referred 12 pages."))), "docx", title_hint="Evidence from X"
    )
    assert doc.text == "Evidence from X\n\nWe referred 12 pages."


def test_not_a_docx() -> None:
    with pytest.raises(ParseError) as err:
        parse(b"PK\x03\x04 broken", "docx")
    assert err.value.reason == "bad_docx"
