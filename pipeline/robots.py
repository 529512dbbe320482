"""robots.txt as RFC 9309 reads it, which the standard library's parser does not quite do.

`urllib.robotparser` matches rules as plain path prefixes, so gov.uk's `Disallow: /*/print` never
matches anything, and it drops a fractional `Crawl-delay: 0.5`. Here rules support `*` and a
closing `$`, the longest matching rule wins (an allow wins a tie), the group is chosen by our
product token with `*` as the fallback, and crawl delays may be fractions of a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit


@dataclass
class _Group:
    agents: list[str] = field(default_factory=list)
    rules: list[tuple[bool, str, re.Pattern[str]]] = field(default_factory=list)  # (allow, path, pattern)
    crawl_delay: float | None = None


@dataclass
class RobotsRules:
    groups: list[_Group]

    def _group(self, token: str) -> _Group | None:
        token = token.lower()
        star = None
        for group in self.groups:
            if token in group.agents:
                return group
            if "*" in group.agents and star is None:
                star = group
        return star

    def allowed(self, token: str, url: str) -> bool:
        group = self._group(token)
        if group is None:
            return True
        parts = urlsplit(url)
        target = unquote(parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        best: tuple[int, bool] | None = None  # (length of the matching rule, allow)
        for allow, path, pattern in group.rules:
            if pattern.match(target):
                candidate = (len(path), allow)
                if best is None or candidate > best:  # longer wins; at equal length, allow (True) wins
                    best = candidate
        return True if best is None else best[1]

    def crawl_delay(self, token: str) -> float | None:
        group = self._group(token)
        return group.crawl_delay if group else None


def _pattern(path: str) -> re.Pattern[str]:
    anchored = path.endswith("$")
    body = re.escape(unquote(path[:-1] if anchored else path)).replace(r"\*", ".*")
    return re.compile(body + ("$" if anchored else ""))


_RATE = re.compile(r"^(\d+)\s*/\s*(\d+(?:\.\d+)?)\s*([smh]?)$", re.IGNORECASE)


def _seconds(key: str, value: str) -> float | None:
    """Seconds between requests from `Crawl-delay: 0.5` or `Request-rate: 1/5` (also `1/10m`)."""
    if key == "crawl-delay":
        try:
            return max(0.0, float(value))
        except ValueError:
            return None
    match = _RATE.match(value)
    if not match or int(match.group(1)) == 0:
        return None
    unit = {"": 1, "s": 1, "m": 60, "h": 3600}[match.group(3).lower()]
    return float(match.group(2)) * unit / int(match.group(1))


def parse(text: str) -> RobotsRules:
    groups: list[_Group] = []
    current: _Group | None = None
    last_was_agent = False
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        key, value = (part.strip() for part in line.split(":", 1))
        key = key.lower()
        if key == "user-agent":
            if current is None or not last_was_agent:
                current = _Group()
                groups.append(current)
            current.agents.append(value.lower())
            last_was_agent = True
            continue
        last_was_agent = False
        if current is None:
            continue  # rules before any user-agent line belong to no group
        if key in ("allow", "disallow"):
            if value:  # an empty Disallow allows everything: no rule
                current.rules.append((key == "allow", value, _pattern(value)))
        elif key in ("crawl-delay", "request-rate"):
            delay = _seconds(key, value)
            if delay is not None:  # a malformed value is ignored, as the other rules still apply
                current.crawl_delay = max(delay, current.crawl_delay or 0.0)
    return RobotsRules(groups)


def product_token(user_agent: str) -> str:
    """`evidence-pipeline/0.1 (+https://…)` -> `evidence-pipeline`: what robots.txt groups name."""
    return user_agent.split("/", 1)[0].split()[0].strip().lower()
