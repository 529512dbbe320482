"""A small CSS-selector-to-XPath translator for the selectors sources configure.

lxml's own `cssselect()` needs the `cssselect` package, which is not a dependency; sources only
need the simple forms (`.mainColumn .article`, `div[itemprop=articleBody]`, `#content > h1`,
`h1, h2`), and anything else is refused loudly rather than half-matched."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.parse.errors import ParseError

_COMPOUND = re.compile(
    r"""(?P<tag>\*|[a-zA-Z][\w-]*)?
        (?P<rest>(?:\#[\w-]+|\.[\w-]+|\[[\w:-]+(?:[~^$*|]?=(?:"[^"]*"|'[^']*'|[^\]]*))?\])*)$""",
    re.X,
)
_PART = re.compile(r"""\#([\w-]+)|\.([\w-]+)|\[([\w:-]+)(?:([~^$*|]?=)("[^"]*"|'[^']*'|[^\]]*))?\]""")


@lru_cache(maxsize=64)
def to_xpath(selector: str) -> str:
    """XPath (relative to the document) selecting what `selector` selects, in document order."""
    alternatives = [s.strip() for s in selector.split(",")]
    if not all(alternatives):
        raise ParseError("bad_selector", f"empty alternative in {selector!r}")
    return " | ".join(_one(s, selector) for s in alternatives)


def _one(selector: str, whole: str) -> str:
    tokens = re.sub(r"\s*>\s*", " > ", selector).split()
    path = ""
    axis = "//"
    for token in tokens:
        if token == ">":
            axis = "/"
            continue
        path += axis + _compound(token, whole)
        axis = "//"
    if axis == "/":
        raise ParseError("bad_selector", f"selector ends with '>': {whole!r}")
    return path


def _compound(token: str, whole: str) -> str:
    m = _COMPOUND.match(token)
    if not m or not (m["tag"] or m["rest"]):
        raise ParseError("bad_selector", f"unsupported selector part {token!r} in {whole!r}")
    conditions = []
    for ident, cls, attr, op, raw in _PART.findall(m["rest"]):
        if ident:
            conditions.append(f"@id={_quote(ident)}")
        elif cls:
            conditions.append(f"contains(concat(' ', normalize-space(@class), ' '), {_quote(' ' + cls + ' ')})")
        elif not op:
            conditions.append(f"@{attr}")
        else:
            conditions.append(_attribute(attr, op, raw.strip("\"'")))
    return (m["tag"] or "*") + "".join(f"[{c}]" for c in conditions)


def _attribute(attr: str, op: str, value: str) -> str:
    v = _quote(value)
    return {
        "=": f"@{attr}={v}",
        "~=": f"contains(concat(' ', normalize-space(@{attr}), ' '), {_quote(' ' + value + ' ')})",
        "^=": f"starts-with(@{attr}, {v})",
        "$=": f"substring(@{attr}, string-length(@{attr}) - {len(value) - 1})={v}",
        "*=": f"contains(@{attr}, {v})",
        "|=": f"(@{attr}={v} or starts-with(@{attr}, {_quote(value + '-')}))",
    }[op]


def _quote(value: str) -> str:
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    raise ParseError("bad_selector", f"value with both quote kinds: {value!r}")
