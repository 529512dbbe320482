"""HTML → Document: main content, title once, footnote markers dropped, tables kept.

lxml.html is the parser (35 MB/s, and XPath for the selectors sources configure); BeautifulSoup
is 20-70x slower (reference/performance.md §3). The work after parsing is one pass that removes
page furniture (boilerplate.py), one that picks the main-content element, and one walk that cuts
the content into blocks: every <p>, <li>, heading, footnote and table row is its own block so
no sentence is ever stitched across two of them."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from lxml import etree

from pipeline.document import Document
from pipeline.parse import boilerplate
from pipeline.parse.assemble import CellDraft, Para, TableDraft, build_document
from pipeline.parse.boilerplate import drop_tree, text_of
from pipeline.parse.css import to_xpath
from pipeline.parse.dates import parse_date
from pipeline.parse.errors import ParseError
from pipeline.parse.tables import layout_grid
from pipeline.parse.text import clean, strip_leading_marker, title_key

# collect_ids=False: no table of id attributes, which only XPath's id() would use (5% of parsing).
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)
# fmt: off
_BLOCK_TAGS = frozenset((
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "li", "ul", "ol",
    "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "figure", "figcaption",
    "address", "hr", "center", "body", "details", "summary", "caption", "tr", "td", "th", "tbody",
    "thead", "tfoot", "form", "fieldset", "legend",
))
# fmt: on
_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
# What the block walker must see element by element: blocks, breaks, tables, (for safety) any node
# that is not an element, and possible footnote markers. Everything else is inline text.
_STRUCTURAL = (*_BLOCK_TAGS, "br", "table", etree.Comment, etree.ProcessingInstruction, etree.Entity)
_MARKER_TAGS_WALKED = ("a", "sup")  # and spans whose class says footnote
_MARKER_TAGS = frozenset(("a", "sup", "span"))  # the only tags _is_marker can accept
_LIST_ITEMS = frozenset(("li", "dt", "dd"))
_MARKER_TEXT = re.compile(r"^\s*(?:[\[(]?\d{1,3}[\])]?|[*†‡§])\s*$")
_FOOTNOTE_ID = re.compile(r"^_?(?:ftn|fn|footnote|endnote|edn)[-_]?\d+$", re.I)
_FOOTNOTE_WORDS = frozenset(("footnote", "footnotes", "endnote", "endnotes", "ftn"))
_HEADING_WORDS = frozenset(("heading", "title", "subtitle"))
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+(?P<site>[^|–—-]+)$")
# Where a page states its publication date, most trusted first: (any element rather than only
# <meta>, attribute, its value, the attribute holding the date).
_META_DATES = (
    (False, "property", "article:published_time", "content"),
    (False, "itemprop", "datePublished", "content"),
    (True, "itemprop", "datePublished", "datetime"),
    (False, "name", "DC.date.issued", "content"),
    (False, "name", "dcterms.issued", "content"),
)
# Compiled once.
_PUBLISHED_LABEL = re.compile(r"^(?:first )?published(?: on)?:?$", re.I)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def parse_html(
    content: bytes,
    *,
    title_hint: str | None = None,
    body_selector: str | None = None,
    title_selector: str | None = None,
) -> Document:
    root = _load(content)
    page = boilerplate.scan(root)  # one pass over the tree serves furniture, title, date, main content
    head_title = _head_title(page.tagged)
    published = _meta_date(page.tagged["meta"], page.itemprops)
    selected_body = _select(root, body_selector)
    selected_title = _select(root, title_selector)
    _remove_furniture(page.furniture, keep=[e for e in (selected_body, selected_title) if e is not None])
    main = selected_body if selected_body is not None else _find_main(root, page)
    _remove_link_lists(main)

    h1 = _pick_h1(main, root, title_hint, page.tagged["h1"])
    title_el = h1 if h1 is not None and _inside(h1, main) else selected_title
    if title_el is None:
        title_el = h1
    # Read before the walk, which removes footnote markers from the tree.
    title = clean(text_of(title_el)) if title_el is not None else ""
    if published is None:
        published = _time_element_date(main, page.tagged["time"])
    walker = _Walker(title_el, *_mixed_elements(main, title_el, page.footnote_spans))
    if main.text:
        walker.append(main.text)
    walker.walk_children(main, "paragraph")
    walker.flush("paragraph")
    items = [i for i in walker.items if not _is_boilerplate_block(i)]

    if not title and title_hint:
        title = _block_matching(items, clean(title_hint)) or ""
    title = title or _heading_extending(items, head_title) or head_title or clean(title_hint or "")
    if published is None:
        published = _text_date(items)
    return build_document(title, items, published=published)


def _load(content: bytes) -> etree._Element:
    text = _XML_DECLARATION.sub("", _decode(content), count=1)
    if not text.strip():
        raise ParseError("empty_document", "the HTML is empty")
    try:
        root = etree.fromstring(text, parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ParseError("bad_html", str(exc)) from exc
    if root is None:
        raise ParseError("empty_document", "the HTML has no elements")
    return root


def _decode(content: bytes) -> str:
    """Bytes to str: BOM, then the page's own meta charset, then UTF-8, then Windows-1252
    (Word's HTML export and old CMSs declare nothing and use cp1252)."""
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", "replace")
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16", "replace")
    declared = _CHARSET.search(content[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "ignore").lower()
        if name in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"):
            name = "cp1252"  # browsers read these labels as Windows-1252
        try:
            return content.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1252", "replace")


def _select(root: etree._Element, selector: str | None) -> etree._Element | None:
    if not selector:
        return None
    found = root.xpath(to_xpath(selector))
    return found[0] if found else None


def _head_title(tagged: dict[str, list[etree._Element]]) -> str:
    """<title> without its " | Site" / " - Site" suffix; og:title when there is no <title>.
    `tagged` holds the page's <title> and <meta> elements."""
    found = next((text for el in tagged["title"] if _parent_tag(el) == "head" for text in _text_nodes(el)), None)
    if found is None:
        og = (m.get("content") for m in tagged["meta"] if m.get("property") == "og:title")
        found = next((content for content in og if content is not None), None)
    title = clean(found) if found is not None else ""
    while m := _TITLE_SUFFIX.search(title):
        rest = title[: m.start()]
        # " | " always separates a site name; a dash only when what follows is short enough to be
        # a site name rather than half of the title ("Oral evidence - Online harms and ...").
        if "|" not in m.group(0) and (len(m["site"].split()) > 4 or len(m["site"]) >= len(rest)):
            break
        title = rest
    return title


def _text_nodes(el: etree._Element) -> list[str]:
    """What the XPath text() lists for `el` (its own text and its children's tails), without the
    cost of an XPath call, which is most of reading a title."""
    return [text for text in (el.text, *(child.tail for child in el)) if text is not None]


def _parent_tag(el: etree._Element) -> object:
    parent = el.getparent()
    return parent.tag if parent is not None else None


def _meta_date(metas: list[etree._Element], itemprops: list[tuple[str, etree._Element]]) -> date | None:
    dated = [el for value, el in itemprops if value == "datePublished"]
    for any_element, attribute, wanted, holder in _META_DATES:
        for el in dated if any_element else metas:
            if el.get(attribute) == wanted:
                value = el.get(holder)
                if value is not None and (found := parse_date(value.strip()[:25])):
                    return found
    return None


def _time_element_date(scope: etree._Element, times: list[etree._Element]) -> date | None:
    """The first <time> still inside `scope` that gives a date; `times` are the page's <time>s."""
    for time in (t for t in times if _inside(t, scope)):
        found = parse_date(time.get("datetime") or "") or parse_date(clean(text_of(time)))
        if found:
            return found
    return None


def _text_date(items: list[Para | TableDraft]) -> date | None:
    """A block that is only a date ("Published 1 July 2022", "March 1, 2022") near the start
    of the content, or at its very end (the NCA prints the date as the last paragraph)."""
    paras = [i for i in items if isinstance(i, Para)]
    candidates = paras[:8] + paras[-2:]
    previous = ""
    for para in candidates:
        found = parse_date(para.text)
        if found:
            return found
        if _PUBLISHED_LABEL.match(previous) and (found := parse_date(para.text)):
            return found
        previous = para.text
    return None


def _remove_furniture(furniture: list[etree._Element], keep: list[etree._Element]) -> None:
    # A set of the elements themselves: it keeps their proxies alive, so lxml hands out the same
    # objects again (ids of proxies that were let go can be reused by any other element).
    protected = {a for e in keep for a in e.iterancestors()} | set(keep)
    for el in furniture:
        if el not in protected:
            drop_tree(el)  # a second removal of an element finds it detached and does nothing


def _find_main(root: etree._Element, page: boilerplate.Scan) -> etree._Element:
    """The element holding the article: microdata articleBody, <main>, role=main, the largest
    <article>; else the container around the <h1> with most of the text; else the whole
    (already de-furnished) body. The `page` scan ran before the furniture went: only the elements
    it found that are still in the tree count."""
    kinds = (
        lambda: [e for value, e in page.itemprops if value == "articleBody" and _inside(e, root)],
        lambda: [e for e in page.tagged["main"] if _inside(e, root)],
        lambda: [e for e in page.main_roles if _inside(e, root)],
        lambda: [e for e in page.tagged["article"] if _inside(e, root)],
    )
    for kind in kinds:
        found = kind()
        if found:
            return found[0] if len(found) == 1 else max(found, key=lambda e: len(text_of(e)))
    body = root.find("body")
    body = body if body is not None else root
    # No markup names the article: take the smallest container around the headline that holds at
    # least half the page's text, so columns beside it (related links, promos) fall away.
    h1 = next(body.iter("h1"), None)
    if h1 is not None:
        total = len(text_of(body))
        node = h1.getparent()
        while node is not None and node is not body:
            if len(text_of(node)) >= total / 2:
                return node
            node = node.getparent()
    return body


_LIST_HEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))


def _remove_link_lists(main: etree._Element) -> None:
    # Only a container with two or more links can be a link list; counting each link once per
    # ancestor finds those in one pass, instead of searching every paragraph for links.
    links: dict[etree._Element, int] = {}
    for a in main.iter("a"):
        for ancestor in a.iterancestors():
            if ancestor is main:
                break
            links[ancestor] = links.get(ancestor, 0) + 1
    doomed = [
        el
        for el in main.iter("ul", "ol", "div", "section", "p", "dl", "table")
        if links.get(el, 0) >= 2 and boilerplate.is_link_list(el)
    ]
    for el in doomed:
        heading = el.getprevious()
        # the list's own heading ("Related articles") goes with it, when nothing stands between them
        if heading is not None and heading.tag in _LIST_HEADINGS and not (heading.tail or "").strip() \
                and len(text_of(heading).strip()) <= 60:
            drop_tree(heading)
        drop_tree(el)


def _pick_h1(main, root, title_hint: str | None, h1s: list[etree._Element]) -> etree._Element | None:
    """`h1s` are the page's <h1>s before anything was removed: only those still in the tree count."""
    inside = [h for h in h1s if _inside(h, main) and clean(text_of(h))]
    if inside:
        return inside[0]
    anywhere = [h for h in h1s if _inside(h, root) and clean(text_of(h))]
    if title_hint:
        for h in anywhere:
            if clean(text_of(h)).casefold() == clean(title_hint).casefold():
                return h
    return anywhere[-1] if anywhere else None


def _inside(el: etree._Element, container: etree._Element) -> bool:
    return el is container or any(a is container for a in el.iterancestors())


def _block_matching(items: list[Para | TableDraft], wanted: str) -> str | None:
    """The body's own printing of the title known from metadata, so the title reads as the
    document prints it (Word exports have no <h1>, only a bold first paragraph)."""
    for item in items[:6]:
        if isinstance(item, Para) and item.text.casefold() == wanted.casefold():
            return item.text
    return None


def _heading_extending(items: list[Para | TableDraft], head_title: str) -> str | None:
    """A heading near the top that says what <title> says and more ("Written evidence" →
    "Written evidence submitted by ... (XYZ0042)"): the document's own, fuller title."""
    key = title_key(head_title)
    if len(head_title.split()) < 2:
        return None
    for item in items[:6]:
        if isinstance(item, Para) and item.kind == "heading" and key in title_key(item.text):
            return item.text
    return None


def _is_boilerplate_block(item: Para | TableDraft) -> bool:
    return (
        isinstance(item, Para)
        and len(item.text) <= boilerplate.BOILERPLATE_BLOCK_MAX
        and bool(boilerplate.BOILERPLATE_BLOCK.match(item.text))
    )


def _is_marker(el: etree._Element) -> bool:
    """A footnote reference (`<a href="#_ftn1">[1]</a>`, `<sup>2</sup>`) or a share link: not text."""
    tag = el.tag
    if tag == "a":
        href = el.get("href") or ""
        if boilerplate.is_share_link(href):
            return True
        return (href.startswith("#") or "ftn" in href or "footnote" in href) and bool(_MARKER_TEXT.match(text_of(el)))
    if tag == "sup" or (tag == "span" and "footnote" in (el.get("class") or "").lower()):
        return bool(_MARKER_TEXT.match(text_of(el)))
    return False


def _block_kind(el: etree._Element, outer: str) -> str:
    if outer == "footnote":
        return "footnote"
    items = el.items()  # one call: each separate el.get() costs about as much
    footnote, heading_words = _attribute_signals(tuple(items)) if items else (False, False)
    if footnote:
        return "footnote"
    tag = el.tag
    if tag in _HEADINGS:
        return "heading"
    if tag in _LIST_ITEMS or outer == "list_item":
        return "list_item"
    if heading_words or tag == "p" and _all_bold(el):
        return "heading"
    return "paragraph"


@lru_cache(maxsize=1024)
def _attribute_signals(items: tuple[tuple[str, str], ...]) -> tuple[bool, bool]:
    """(a footnote container, named like a heading) from an element's attributes; Word repeats
    the same few class and style strings on every paragraph, so this is mostly a lookup."""
    attributes = dict(items)
    words = boilerplate.naming_words(attributes)
    return _is_footnote_container(attributes, words), not words.isdisjoint(_HEADING_WORDS)


def _is_footnote_container(attributes: dict[str, str], words: frozenset[str]) -> bool:
    if _FOOTNOTE_ID.match(attributes.get("id") or ""):
        return True
    role = attributes.get("role") or ""
    if "footnote" in (attributes.get("style") or "") or role.startswith("doc-"):
        return (role or "doc-footnote") in ("doc-footnote", "doc-endnotes", "doc-endnote")
    return not words.isdisjoint(_FOOTNOTE_WORDS)


def _all_bold(el: etree._Element) -> bool:
    """A short paragraph set entirely in bold is a heading in Word exports."""
    if el.tag != "p" or len(el) == 0 or (el.text or "").strip() or el[0].tag not in ("b", "strong"):
        return False
    text = " ".join(text_of(el).split())
    if not text or len(text) > 150 or text.endswith("."):
        return False
    bold = " ".join(" ".join(text_of(b).split()) for b in el if b.tag in ("b", "strong"))
    return len(bold) >= len(text)


def _mixed_elements(
    main: etree._Element, skip: etree._Element | None, footnote_spans: list[etree._Element]
) -> tuple[set[etree._Element], set[etree._Element]]:
    """The elements with something inside that the walker must visit (see _STRUCTURAL and
    _MARKER_TAGS_WALKED, and the skipped title), and the subset of them holding more than possible
    footnote markers (a block, break, table, the title or a non-element node). Any other element's
    text is all inline: one C call reads it, where walking it cost a Python call per element (Word
    wraps every run of text in spans). `footnote_spans` may include spans outside `main`: the
    ancestors they add are never walked."""
    structural = list(main.iter(*_STRUCTURAL))
    if skip is not None:
        structural.append(skip)
    # The sets hold the proxies, so the same element is the same object.
    deep = boilerplate.ancestors(structural, set())
    mixed = boilerplate.ancestors([*main.iter(*_MARKER_TAGS_WALKED), *footnote_spans], set(deep))
    return mixed, deep


def _drop_markers(block: etree._Element) -> None:
    """Remove the footnote markers inside `block`, keeping the text after each: the block's text is
    then what walking it child by child would read. The candidates are listed first, as removing
    an element ends a running iteration; one inside a removed marker is already out of the block
    (Word puts a footnote-classed span inside every marker link)."""
    dropped = None
    for el in list(block.iter("a", "sup", "span")):
        if el.tag == "span" and "footnote" not in (el.get("class") or "").lower():
            continue  # _is_marker would say no; Word wraps every run of text in a span
        if dropped is not None and any(above is dropped for above in el.iterancestors()):
            continue
        if _is_marker(el):
            drop_tree(el)
            dropped = el


class _Walker:
    """Cuts the main content into block drafts in reading order."""

    def __init__(self, skip: etree._Element | None, mixed: set[etree._Element], deep: set[etree._Element]) -> None:
        self.skip = skip
        self.mixed = mixed
        self.deep = deep
        self.items: list[Para | TableDraft] = []
        self.buffer: list[str] = []
        self.breaks = 0

    def append(self, text: str) -> None:
        self.buffer.append(text)
        if not text.isspace():
            self.breaks = 0

    def flush(self, kind: str) -> None:
        self.breaks = 0
        if not self.buffer:
            return
        text = clean(self.buffer[0] if len(self.buffer) == 1 else "".join(self.buffer))
        self.buffer.clear()
        self.add(text, kind)

    def add(self, text: str, kind: str) -> None:
        """A block of cleaned text (a footnote without its own leading marker); none if empty."""
        if kind == "footnote":
            text = strip_leading_marker(text)
        if text:
            self.items.append(Para(text, kind))

    def walk_children(self, el: etree._Element, kind: str) -> None:
        for child in el:
            if isinstance(child.tag, str):
                self.walk(child, kind)
            if child.tail:
                self.append(child.tail)

    def walk(self, el: etree._Element, kind: str) -> None:
        tag = el.tag
        if el is self.skip:
            return
        if tag in _BLOCK_TAGS:
            if self.buffer:
                self.flush(kind)
            else:
                self.breaks = 0
            inner = _block_kind(el, kind)
            if el in self.deep:
                self.read(el, inner)
                self.flush(inner)
                return
            if el in self.mixed:
                # Its only elements to walk are possible markers: remove the markers, and the rest
                # is inline text again. Nothing reads this block after the walker.
                _drop_markers(el)
            if text := text_of(el):  # all inline: the block is this one text (the buffer is empty)
                self.add(clean(text), inner)
            return
        if tag in _MARKER_TAGS and _is_marker(el):
            return
        if tag == "br":
            # One <br> is a line break inside a paragraph; two in a row separate paragraphs.
            if self.breaks:
                self.flush(kind)
            else:
                self.append(" ")
                self.breaks = 1
            return
        if tag == "table":
            self.flush(kind)
            self.table(el, kind)
            return
        self.read(el, kind)

    def read(self, el: etree._Element, kind: str) -> None:
        """The text inside `el`: child by child where a child needs the walker, else in one piece."""
        if el in self.mixed:
            if el.text:
                self.append(el.text)
            self.walk_children(el, kind)
        elif text := text_of(el):
            self.append(text)

    def table(self, table: etree._Element, kind: str) -> None:
        head_rows, rows = _table_rows(table)
        grid = layout_grid(rows)
        if len(grid) < 2 or max(len(r) for r in grid) < 2:
            # A one-row or one-column table is layout, not data: read its cells as blocks.
            for row in rows:
                for cell, _, _ in row:
                    self.walk(cell, kind)
            return
        made: dict[int, CellDraft] = {}

        def draft(source: etree._Element | None) -> CellDraft:
            if source is None:
                return CellDraft("")
            if id(source) not in made:
                made[id(source)] = CellDraft(self.cell_text(source))
            return made[id(source)]

        drafts = [[draft(source) for source in row] for row in grid]
        caption_el = table.find("caption")
        caption = clean(text_of(caption_el)) if caption_el is not None else ""
        if caption:
            self.items.append(Para(caption, "heading"))
        body = [row for row in drafts if any(c.text for c in row)]
        self.items.append(TableDraft(body, head_rows or 1, caption or None))

    def cell_text(self, cell: etree._Element) -> str:
        inner = _Walker(self.skip, self.mixed, self.deep)
        if cell.text:
            inner.append(cell.text)
        inner.walk_children(cell, "paragraph")
        inner.flush("paragraph")
        parts = []
        for item in inner.items:
            if isinstance(item, Para):
                parts.append(item.text)
            else:
                parts.extend(c.text for row in item.rows for c in row if c.text)
        return " ".join(parts)


def _table_rows(table) -> tuple[int, list[list[tuple[etree._Element, int, int]]]]:
    """Rows of (cell, colspan, rowspan), and how many leading rows are headers (<thead>, or rows
    of nothing but <th>)."""
    trs: list[tuple[etree._Element, bool]] = []
    for child in table:
        if child.tag in ("thead", "tbody", "tfoot"):
            trs.extend((tr, child.tag == "thead") for tr in child if tr.tag == "tr")
        elif child.tag == "tr":
            trs.append((child, False))
    rows = []
    head = 0
    counting = True
    for tr, in_head in trs:
        cells = [c for c in tr if c.tag in ("td", "th")]
        if not cells:
            continue
        if counting and (in_head or all(c.tag == "th" for c in cells)):
            head += 1
        else:
            counting = False
        rows.append([(c, _span(c.get("colspan")), _span(c.get("rowspan"))) for c in cells])
    return head, rows


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 50))
    except ValueError:
        return 1
