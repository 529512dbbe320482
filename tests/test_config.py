from datetime import date

import pytest

from pipeline.config import ConfigError, load_config, parse_config


def test_directory_source_resolves_path_against_the_config_folder(tmp_path):
    (tmp_path / "docs").mkdir()
    cfg_file = tmp_path / "sources.yaml"
    cfg_file.write_text("sources:\n  - name: my_folder\n    kind: directory\n    path: docs\n    since: 2020-01-01\n")
    settings = load_config(cfg_file)
    source = settings.source("my_folder")
    assert source.kind == "directory"
    assert source.get("path") == str((tmp_path / "docs").resolve())
    assert source.since == date(2020, 1, 1)
    assert source.where() == f"{cfg_file}:2"


def test_http_settings_override_defaults_and_are_type_checked():
    settings = parse_config("http:\n  rate_limit: 2\n  contact: ops@example.org\n"
                            "sources:\n  - {name: a, kind: directory, path: /tmp}\n")
    assert settings.http.rate_limit == 2.0
    assert "ops@example.org" in settings.http.user_agent_header
    with pytest.raises(ConfigError, match=r"<config>:2: http.rate_limit must be float"):
        parse_config("http:\n  rate_limit: fast\nsources:\n  - {name: a, kind: directory, path: /tmp}\n")


@pytest.mark.parametrize("text, message", [
    ("sources:\n  - name: a\n    kind: directory\n  - name: b\n    kind: ftp\n",
     r"<config>:4: source 'b' has unknown kind 'ftp'"),
    ("sources:\n  - name: a\n    kind: directory\n  - name: a\n    kind: directory\n", r"<config>:4: .*used twice"),
    ("sources:\n  - name: Bad Name\n    kind: directory\n", r"<config>:2: source name 'Bad Name'"),
    ("sources: []\n", r"<config>:1: 'sources' must be a non-empty list"),
    ("sources:\n  - name: a\n    kind: directory\n    since: yesterday\n", r"<config>:2: source 'a': since"),
    ("sources:\n  - name: a\n   kind: directory\n", r"<config>:3: not valid YAML"),
    ("source:\n  - name: a\n", r"<config>:1: unknown top-level key 'source'"),
    ("http:\n  speed: 3\nsources:\n  - {name: a, kind: directory}\n", r"<config>:2: unknown http setting 'speed'"),
])
def test_bad_config_names_the_line(text, message):
    with pytest.raises(ConfigError, match=message):
        parse_config(text)


def test_missing_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "nope.yaml")


def test_require_names_the_source_and_line():
    settings = parse_config("sources:\n  - name: folder\n    kind: directory\n")
    with pytest.raises(ConfigError, match=r"<config>:2: source 'folder': option 'path' is required"):
        settings.source("folder").require("path")


def test_shipped_sources_files_are_valid_and_cover_every_web_kind():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    live = load_config(root / "sources.yaml")
    demo = load_config(root / "snapshot" / "sources.yaml")
    assert {s.kind for s in live.sources} == {"parliament_committees", "migrationwatch", "nca_news", "govuk"}
    assert {s.kind for s in demo.sources} >= {s.kind for s in live.sources} | {"directory"}
    assert live.http.rate_limit > 0  # the live target is polite; only replay may go unthrottled


def test_incremental_must_be_a_boolean():
    with pytest.raises(ConfigError, match=r"<config>:2: source 'a': incremental must be true or false"):
        parse_config("sources:\n  - name: a\n    kind: directory\n    incremental: sometimes\n")
