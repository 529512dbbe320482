"""Deciding which HTML elements are page furniture rather than document text.

The signals are generic so they work on sites we have never seen: tag names (nav, aside,
footer), ARIA roles, words in class/id/aria-label (share, social, cookie, sidebar, related,
breadcrumb, ...), link density, and the stock phrases of share bars, cookie banners and
subscribe prompts. Nothing here knows any particular site."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from lxml import etree

from pipeline.parse.text import ASCII_WHITESPACE

# Never document text, whatever they contain.
# fmt: off
ALWAYS_DROP = frozenset((
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas", "button",
    "select", "textarea", "input", "label", "audio", "video", "map", "head", "title", "meta", "link",
))
# fmt: on
# Page furniture unless they hold the article itself (an <article><header> holds the <h1>).
_FURNITURE_TAGS = frozenset(["nav", "aside", "footer", "header", "form", "dialog", "menu"])
# fmt: off
_FURNITURE_ROLES = frozenset((
    "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu",
    "menubar", "toolbar",
))
# fmt: on
# fmt: off
_FURNITURE_WORDS = frozenset((
    "share", "shares", "sharing", "sharebar", "social", "socials", "cookie", "cookies", "consent",
    "gdpr", "footer", "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "sidebar",
    "related", "subscribe", "subscription", "newsletter", "signup", "print", "promo", "advert",
    "advertisement", "ads", "masthead", "toolbar", "topbar", "tags", "popup", "modal", "header",
    "feedback", "skiplink", "pagination", "pager",
))
# fmt: on
_FURNITURE_PAIRS = (
    {"side", "column"},
    {"side", "bar"},
    {"side", "col"},
    {"most", "viewed"},
    {"most", "read"},
    {"most", "popular"},
    {"top", "bar"},
    {"follow", "us"},
    {"skip", "link"},
    {"sign", "up"},
    {"back", "top"},
    {"site", "header"},
    {"site", "footer"},
    {"page", "tools"},
    {"article", "tools"},
)
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
# The tags whose elements the HTML parser looks up after furniture's pass over the tree, which
# lists them on the way.
LOOKED_UP = ("h1", "main", "article", "time", "meta", "title")
_WANTED_TAGS = ALWAYS_DROP | _FURNITURE_TAGS | frozenset(LOOKED_UP)
_NAMING_ATTRIBUTES = frozenset(("class", "id", "aria-label"))
_SHARE_URL = re.compile(
    r"sharer|/intent/(?:tweet|post)|shareArticle|/share\?|[?&]share=|wa\.me/|whatsapp://|mailto:\?",
    re.I,
)
_SOCIAL_HOST = re.compile(
    r"^https?://(?:[\w-]+\.)*(?:facebook|twitter|x|instagram|youtube|linkedin|tiktok|pinterest|"
    r"threads|bsky|flickr|reddit|whatsapp|telegram|t)\.(?:com|me|app|net)(?:/|$)",
    re.I,
)
# Stock phrases of share bars, follow-us links, cookie banners, subscribe and print prompts; only
# ever applied to short blocks.
BOILERPLATE_BLOCK = re.compile(
    r"^(?:share (?:this|on|via)\b|share:?$|subscribe:?$|newsletter:?$|follow us\b|like us on\b|watch us on\b|"
    r"(?:sign up|subscribe|register) (?:to|for)\b.*\b(?:newsletter|updates|alerts|emails?)\b|"
    r"we use (?:\w+ )?cookies\b|this (?:web)?site uses cookies\b|accept (?:all )?cookies$|"
    r"print (?:this|press release|page|article)\b|back to top$|skip to (?:main )?content\b)",
    re.I,
)
BOILERPLATE_BLOCK_MAX = 250


def naming_words(attributes: dict[str, str]) -> frozenset[str]:
    """The lower-cased words of an element's class, id and aria-label (camelCase split)."""
    cls, ident, label = attributes.get("class"), attributes.get("id"), attributes.get("aria-label")
    if not (cls or ident or label):
        return frozenset()
    return _words(" ".join(filter(None, (cls, ident, label))))


@lru_cache(maxsize=4096)
def _words(raw: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(raw))


@lru_cache(maxsize=4096)
def _furniture_words(raw: str) -> bool:
    ws = _words(raw)
    return not ws.isdisjoint(_FURNITURE_WORDS) or any(p <= ws for p in _FURNITURE_PAIRS)


class Scan(NamedTuple):
    """What one pass over every attribute of a page finds: the furniture, and the attributes the
    HTML parser would otherwise search the whole tree for again, each in document order."""

    furniture: list[etree._Element]  # possibly with repeats; one's subtree may hold another
    itemprops: list[tuple[str, etree._Element]]  # every itemprop value and its element
    main_roles: list[etree._Element]  # the elements with role=main
    footnote_spans: list[etree._Element]  # the <span>s whose class says footnote
    tagged: dict[str, list[etree._Element]]  # the elements of each of LOOKED_UP's tags


def scan(root: etree._Element) -> Scan:
    """The elements under `root` (itself included) that are navigation, banners, share bars and
    the like by their markup alone, judged on the whole tree before anything is removed."""
    # One walk over the elements finds those of every tag wanted and reads every attribute: each
    # search of the whole tree cost about as much, and listing the attribute nodes by XPath (a
    # Python object and a parent lookup for each) more than reading each element's items.
    doomed = []
    suspects = {}
    tagged: dict[str, list[etree._Element]] = {tag: [] for tag in LOOKED_UP}
    articles = []
    itemprops = []
    main_roles = []
    footnote_spans = []
    for el in root.iter():
        tag = el.tag
        if tag in _WANTED_TAGS:
            if tag in ALWAYS_DROP:
                doomed.append(el)
            elif tag in _FURNITURE_TAGS:
                suspects[el] = None
            if tag in tagged:
                tagged[tag].append(el)
        attributes = el.items()
        if not attributes:
            continue
        naming = None  # the element's class, id and aria-label, space-separated
        for name, value in attributes:
            if name == "style":  # first: Word puts one on nearly every element
                if "mso-hide:all" in value or "none" in value and "display:none" in value.replace(" ", ""):
                    doomed.append(el)
            elif name in _NAMING_ATTRIBUTES:
                naming = value if naming is None else f"{naming} {value}"
                if name == "class" and "footnote" in value.lower() and tag == "span":
                    footnote_spans.append(el)
            elif name == "role":
                if value in _FURNITURE_ROLES:
                    suspects[el] = None
                elif value == "main":
                    main_roles.append(el)
            elif name == "hidden" or name == "aria-hidden" and value == "true":
                doomed.append(el)
            elif name == "itemprop":
                itemprops.append((value, el))
                if value == "articleBody":
                    articles.append(el)
        if naming is not None and _furniture_words(naming):
            suspects[el] = None
    if suspects:
        # Never furniture as a whole: what contains the page's headline or article, found by
        # climbing from every <h1>, <main>, <article>, itemprop=articleBody and role=main, where
        # searching each suspect's subtree cost more.
        markers = [*tagged["h1"], *tagged["main"], *tagged["article"]]
        held = ancestors([*markers, *articles, *main_roles], set(markers))
        doomed.extend(el for el in suspects if el not in held and el.get("itemprop") != "articleBody")
    return Scan(doomed, itemprops, main_roles, footnote_spans, tagged)


def ancestors(elements: list[etree._Element], into: set[etree._Element]) -> set[etree._Element]:
    """`into` plus every ancestor of `elements`; climbing stops where it reaches one already in.
    The set holds the proxies, which keeps lxml handing out these same objects."""
    for el in elements:
        parent = el.getparent()
        while parent is not None and parent not in into:
            into.add(parent)
            parent = parent.getparent()
    return into


def is_share_link(href: str | None) -> bool:
    return bool(href) and bool(_SHARE_URL.search(href))


def is_link_list(el: etree._Element) -> bool:
    """A container that is mostly links with little prose: a menu, a related-articles or
    social-links list. Prose-heavy containers are kept whatever their links."""
    links = list(el.iterdescendants("a"))  # in C, where findall(".//a") runs ElementPath in Python
    if len(links) < 2:
        return False
    linked = sum(_squeezed_length(text_of(a)) for a in links)
    text = text_of(el)
    # A lower bound settles a long stretch of prose (the whole body, when its footnote markers are
    # links) without splitting it into words, and the text's opening alone usually settles it:
    # counting a 40 KB body's every character cost more than the rest of this test.
    if _non_space_count(text[: 2 * (linked + 200)]) - linked >= 200:
        return False
    total = _squeezed_length(text)
    if total - linked >= 200:
        return False
    if all(_SOCIAL_HOST.match(a.get("href") or "") for a in links):
        return True
    if el.tag in ("ul", "ol") and _every_item_a_link(el):
        return True  # "Recent press releases": a list whose every item is a headline link
    return len(links) >= 3 and linked >= 0.6 * total


def _squeezed_length(text: str) -> int:
    """len(" ".join(text.split())), without building the joined string."""
    words = text.split()
    return sum(map(len, words)) + len(words) - 1 if words else 0


def _non_space_count(text: str) -> int:
    """How many characters of `text` are not whitespace, counted in C (at most its squeezed length);
    0 for text with non-ASCII characters other than no-break spaces."""
    text = text.replace("\xa0", " ")
    return len(text.encode("ascii").translate(None, ASCII_WHITESPACE)) if text.isascii() else 0


def _every_item_a_link(el: etree._Element) -> bool:
    items = el.findall("li")
    if len(items) < 2:
        return False
    for li in items:
        text = " ".join(text_of(li).split())
        linked = " ".join(" ".join(text_of(a).split()) for a in li.iter("a"))
        if not text or len(linked) < 0.9 * len(text):
            return False
    return True


def text_of(el: etree._Element) -> str:
    """All text inside `el` (what lxml.html's text_content() gives, without its element classes,
    whose per-element lookup cost a third of the parse). libxml2 gathers it in C: 7-14x faster
    than joining `itertext()`, whose iterator costs about a microsecond a text node."""
    if not len(el):
        return el.text or ""
    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


def drop_tree(el: etree._Element) -> None:
    """Remove `el` and everything in it, keeping the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)
