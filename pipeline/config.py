"""The sources file and HTTP settings, validated, with errors that name the file and line.

A sources file is YAML:

    http:                       # optional; every key has a default
      user_agent: evidence-pipeline/0.1
      contact: data-team@example.org
    sources:
      - name: my_folder
        kind: directory
        path: /some/folder

Each source entry has `name` and `kind`; every other key is an option of that kind, read by the
source module through `SourceConfig.get` / `SourceConfig.require`, so that a bad or missing
option is reported at the line of the entry that holds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

SOURCE_KINDS = ("directory", "parliament_committees", "migrationwatch", "nca_news", "govuk", "listing")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class ConfigError(ValueError):
    """A sources file that cannot be used; the message names the file and line."""


@dataclass
class HttpSettings:
    """How the one HTTP client behaves; the defaults are the polite ones."""

    user_agent: str = "evidence-pipeline/0.1 (+https://github.com/evidence-pipeline)"
    contact: str = "evidence-pipeline@example.org"
    rate_limit: float = 1.0  # requests per second per host; 0 means no limit
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_attempts: int = 4
    backoff_base: float = 1.0  # seconds; doubled on each retry, with jitter
    backoff_max: float = 60.0
    max_bytes: int = 50 * 1024 * 1024
    max_decompressed_bytes: int = 200 * 1024 * 1024
    respect_robots: bool = True
    allowed_hosts: list[str] = field(default_factory=list)  # added to the hosts of the sources

    @property
    def user_agent_header(self) -> str:
        return f"{self.user_agent} ({self.contact})" if self.contact else self.user_agent


@dataclass
class SourceConfig:
    """One entry of `sources:`; kind-specific options stay in `options`."""

    name: str
    kind: str
    options: dict[str, Any]
    file: str = "<config>"
    line: int = 0

    def where(self) -> str:
        return f"{self.file}:{self.line}"

    def error(self, message: str) -> ConfigError:
        return ConfigError(f"{self.where()}: source {self.name!r}: {message}")

    def get(self, key: str, default: Any = None) -> Any:
        return self.options.get(key, default)

    def require(self, key: str) -> Any:
        if self.options.get(key) in (None, ""):
            raise self.error(f"option {key!r} is required for kind {self.kind!r}")
        return self.options[key]

    @property
    def base_url(self) -> str | None:
        return self.options.get("base_url")

    def date_option(self, key: str) -> date | None:
        """An ISO date option (YAML may already have read it as a date), or None when absent."""
        value = self.options.get(key)
        if value is None or isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise self.error(f"{key}: {value!r} is not an ISO date (YYYY-MM-DD)") from None

    @property
    def since(self) -> date | None:
        return self.date_option("since")

    @property
    def incremental(self) -> bool:
        """Whether a run asks only for what is new since the source's last successful run."""
        value = self.options.get("incremental", True)
        if not isinstance(value, bool):
            raise self.error(f"incremental must be true or false, not {value!r}")
        return value

    @property
    def rate_limit(self) -> float | None:
        value = self.options.get("rate_limit")
        if value is None:
            return None
        if not isinstance(value, (int, float)) or value < 0:
            raise self.error(f"rate_limit must be a non-negative number of requests per second, not {value!r}")
        return float(value)


@dataclass
class Settings:
    sources: list[SourceConfig]
    http: HttpSettings
    path: Path | None = None

    def source(self, name: str) -> SourceConfig:
        for s in self.sources:
            if s.name == name:
                return s
        raise KeyError(name)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def load_config(path: str | Path) -> Settings:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"{path}: cannot read the sources file: {e.strerror or e}") from None
    return parse_config(text, str(path), base_dir=path.parent)


def parse_config(text: str, filename: str = "<config>", base_dir: Path | None = None) -> Settings:
    """Validates the whole file before anything runs; relative `path` options resolve against
    the file's folder so that a config can be moved with the folder it describes."""
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark
        where = f"{filename}:{mark.line + 1}" if mark else filename
        raise ConfigError(f"{where}: not valid YAML: {e.problem}") from None
    if root is None or not isinstance(data, dict):
        raise ConfigError(f"{filename}:1: expected a mapping with a 'sources:' list")
    nodes = {k.value: v for k, v in root.value}
    unknown = set(data) - {"sources", "http"}
    if unknown:
        key = sorted(unknown)[0]
        node = next(k for k, _ in root.value if k.value == key)
        raise ConfigError(f"{filename}:{_line(node)}: unknown top-level key {key!r} (expected sources, http)")

    http = HttpSettings()
    if "http" in data:
        raw_http = data["http"] or {}
        if not isinstance(raw_http, dict):
            raise ConfigError(f"{filename}:{_line(nodes['http'])}: 'http' must be a mapping")
        key_lines = {k.value: _line(k) for k, _ in nodes["http"].value}
        for key, value in raw_http.items():
            if not hasattr(http, key) or key == "user_agent_header":
                raise ConfigError(f"{filename}:{key_lines[key]}: unknown http setting {key!r}")
            expected = type(getattr(http, key))
            ok = isinstance(value, expected) or (expected is float and isinstance(value, int))
            if not ok or isinstance(value, bool) != (expected is bool):
                raise ConfigError(
                    f"{filename}:{key_lines[key]}: http.{key} must be {expected.__name__}, not {value!r}")
            setattr(http, key, float(value) if expected is float else value)

    entries = data.get("sources")
    if not isinstance(entries, list) or not entries:
        line = _line(nodes["sources"]) if "sources" in nodes else 1
        raise ConfigError(f"{filename}:{line}: 'sources' must be a non-empty list")
    sources: list[SourceConfig] = []
    seen: set[str] = set()
    for entry, node in zip(entries, nodes["sources"].value, strict=True):
        line = _line(node)
        if not isinstance(entry, dict):
            raise ConfigError(f"{filename}:{line}: each source must be a mapping with name and kind")
        name, kind = entry.get("name"), entry.get("kind")
        if not isinstance(name, str) or not _NAME.match(name):
            raise ConfigError(f"{filename}:{line}: source name {name!r} must be lower_snake_case")
        if name in seen:
            raise ConfigError(f"{filename}:{line}: source name {name!r} is used twice")
        if kind not in SOURCE_KINDS:
            raise ConfigError(f"{filename}:{line}: source {name!r} has unknown kind {kind!r} "
                              f"(one of {', '.join(SOURCE_KINDS)})")
        seen.add(name)
        options = {k: v for k, v in entry.items() if k not in ("name", "kind")}
        if kind == "directory" and base_dir is not None and "path" in options:
            options["path"] = str((base_dir / str(options["path"])).resolve())
        cfg = SourceConfig(name=name, kind=kind, options=options, file=filename, line=line)
        _ = cfg.since, cfg.rate_limit, cfg.incremental  # validate the shared options now, not mid-run
        sources.append(cfg)
    return Settings(sources=sources, http=http, path=Path(filename) if filename != "<config>" else None)
