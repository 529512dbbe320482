"""The single pass over a page's elements (boilerplate.scan) and the shortcuts built on it: what it
lists must be what the separate whole-tree searches it replaced would have found."""

from __future__ import annotations

from datetime import date

from lxml import etree

from pipeline.parse import boilerplate
from pipeline.parse.html import parse_html

_PARSER = etree.HTMLParser(remove_comments=True)


def _root(html: str) -> etree._Element:
    return etree.fromstring(html, parser=_PARSER)


_PAGE = """<html><head><title>Page</title><meta property="og:title" content="OG"></head><body>
<header class="site-header"><a href="/">Home</a></header>
<nav><a href="/a">A</a></nav>
<div class="related-links" id="x"><p>Related</p></div>
<div role="navigation">Menu</div>
<div style="display: none">Hidden</div>
<div style="border:none">Shown</div>
<div class="sidebar"><div itemprop="articleBody"><p>Body <span class="MsoFootnoteReference">[1]</span></p></div></div>
<section class="promo"><h1>Headline</h1></section>
<div role="main"><time datetime="2024-03-01">1 March</time><p class="footnote">not a span</p></div>
<span itemprop="datePublished" content="2024-02-02"></span>
</body></html>"""


def test_scan_finds_furniture_but_not_what_holds_the_article_or_headline() -> None:
    root = _root(_PAGE)
    page = boilerplate.scan(root)
    found = {el.tag if el.tag in ("head", "nav", "header") else (el.text or "").strip() or el.get("class")
             for el in page.furniture}
    assert {"head", "nav", "header", "related-links", "Menu", "Hidden"} <= found
    assert "Shown" not in found  # border:none hides nothing
    # the sidebar holds itemprop=articleBody, the promo holds the <h1>: neither is furniture
    assert not {"sidebar", "promo"} & found


def test_scan_lists_the_elements_and_attributes_the_parser_looks_up_again() -> None:
    root = _root(_PAGE)
    page = boilerplate.scan(root)
    assert [el.text for el in page.tagged["h1"]] == ["Headline"]
    assert [el.get("datetime") for el in page.tagged["time"]] == ["2024-03-01"]
    assert [el.get("property") for el in page.tagged["meta"]] == ["og:title"]
    assert [el.text for el in page.tagged["title"]] == ["Page"]
    assert [(value, el.tag) for value, el in page.itemprops] == [("articleBody", "div"), ("datePublished", "span")]
    assert [el.get("role") for el in page.main_roles] == ["main"]
    # only <span>s: the footnote-classed <p> is not a marker candidate
    assert [el.text for el in page.footnote_spans] == ["[1]"]


def test_title_and_date_come_from_the_scanned_elements() -> None:
    html = """<html><head><meta property="og:title" content="Open graph title"></head><body>
    <main><p>Some text of the article that is long enough to be the body.</p>
    <p><time datetime="2023-05-04">4 May</time></p></main></body></html>"""
    doc = parse_html(html.encode())
    assert doc.title == "Open graph title"
    assert doc.published == date(2023, 5, 4)


def test_the_first_titles_text_wins_over_og_title() -> None:
    html = """<html><head><title>Real title | Site</title><meta property="og:title" content="OG"></head>
    <body><main><p>Body text of the page.</p></main></body></html>"""
    assert parse_html(html.encode()).title == "Real title"


def test_a_removed_h1_is_not_the_title() -> None:
    html = """<html><head><title>Head title</title></head><body>
    <div style="display:none"><h1>Site name</h1></div><main><p>Body text of the page.</p></main></body></html>"""
    doc = parse_html(html.encode())
    assert "Site name" not in doc.text
    assert doc.title == "Head title"


def test_link_list_prose_bound_reads_past_a_blank_opening() -> None:
    """The prose bound counts only the text's opening; a container whose opening is links and
    whitespace must still be judged on all of its text."""
    links = "".join(f'<a href="/{i}">{"link text " * 10}</a>' for i in range(3))
    prose = "Plain prose that is not a link at all. " * 12
    container = _root(f"<div><p>{links}{' ' * 3000}{prose}</p></div>").find(".//p")
    assert not boilerplate.is_link_list(container)
    menu = _root(f"<div><ul>{''.join(f'<li>{a}</li>' for a in [links])}</ul></div>").find(".//ul")
    assert boilerplate.is_link_list(menu)
