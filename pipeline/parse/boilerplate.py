"""Deciding which HTML elements are page furniture rather than document text.

The signals are generic so they work on sites we have never seen: tag names (nav, aside,
footer), ARIA roles, words in class/id/aria-label (share, social, cookie, sidebar, related,
breadcrumb, ...), link density, and the stock phrases of share bars, cookie banners and
subscribe prompts. Nothing here knows any particular site."""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

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
_NAMING_ATTRIBUTES = frozenset(("class", "id", "aria-label"))
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_MAIN_MARKERS = ("h1", "main", "article")
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


def words(el: etree._Element) -> frozenset[str]:
    """The lower-cased words of an element's class, id and aria-label (camelCase split)."""
    cls, ident, label = el.get("class"), el.get("id"), el.get("aria-label")
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


def is_furniture(el: etree._Element) -> bool:
    """True if `el` is navigation, a banner, a share bar or the like, by its markup alone."""
    tag = el.tag
    if tag in ALWAYS_DROP:
        return True
    furniture = tag in _FURNITURE_TAGS
    named = []
    for name, value in el.items():  # one call for all attributes: this runs on every element
        if name in _NAMING_ATTRIBUTES:
            named.append(value)
        elif name == "style":
            if "none" in value and "display:none" in value.replace(" ", "") or "mso-hide:all" in value:
                return True
        elif name == "role":
            furniture = furniture or value in _FURNITURE_ROLES
        elif name == "hidden" or (name == "aria-hidden" and value == "true"):
            return True
    furniture = furniture or bool(named) and _furniture_words(" ".join(named))
    return furniture and not holds_article(el)


def holds_article(el: etree._Element) -> bool:
    """An element that contains the page's headline or article is never furniture as a whole."""
    if el.tag in ("main", "article") or el.get("itemprop") == "articleBody":
        return True
    if next(el.iter(*_MAIN_MARKERS), None) is not None:
        return True
    return bool(el.xpath(".//*[@itemprop='articleBody' or @role='main']"))


def is_share_link(href: str | None) -> bool:
    return bool(href) and bool(_SHARE_URL.search(href))


def is_link_list(el: etree._Element) -> bool:
    """A container that is mostly links with little prose: a menu, a related-articles or
    social-links list. Prose-heavy containers are kept whatever their links."""
    links = el.findall(".//a")
    if len(links) < 2:
        return False
    total = len(" ".join(text_of(el).split()))
    linked = sum(len(" ".join(text_of(a).split())) for a in links)
    if total - linked >= 200:
        return False
    if all(_SOCIAL_HOST.match(a.get("href") or "") for a in links):
        return True
    if el.tag in ("ul", "ol") and _every_item_a_link(el):
        return True  # "Recent press releases": a list whose every item is a headline link
    return len(links) >= 3 and linked >= 0.6 * total


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
    whose per-element lookup cost a third of the parse)."""
    return "".join(el.itertext())


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
