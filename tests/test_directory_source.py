import json
from datetime import date

from pipeline.config import parse_config
from pipeline.records import FetchedDocument, IngestError
from pipeline.sources.directory import collect


def _cfg(path, extra=""):
    return parse_config(f"sources:\n  - name: folder\n    kind: directory\n    path: {path}\n{extra}").sources[0]


def test_sidecar_supplies_url_title_date_kind_and_publisher(tmp_path):
    (tmp_path / "a.html").write_text("<html><body><p>Hello</p></body></html>")
    (tmp_path / "a.html.meta.json").write_text(json.dumps({
        "url": "https://example.org/a", "title": "A", "published": "2021-03-04", "kind": "news",
        "publisher": "Example"}))
    (docs,) = list(collect(None, _cfg(tmp_path), None))
    assert isinstance(docs, FetchedDocument)
    assert (docs.ref.url, docs.ref.title, docs.ref.published, docs.ref.kind, docs.ref.publisher) == (
        "https://example.org/a", "A", date(2021, 3, 4), "news", "Example")
    assert docs.content_type == "html"
    assert len(docs.sha256) == 64


def test_without_sidecar_the_url_is_the_file_uri_and_unknown_files_are_ignored(tmp_path):
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4 not really")
    (tmp_path / "notes.csv").write_text("x")
    (doc,) = list(collect(None, _cfg(tmp_path), None))
    assert doc.ref.url == (tmp_path / "b.pdf").resolve().as_uri()
    assert doc.ref.title is None and doc.ref.published is None
    assert doc.content_type == "pdf"


def test_bad_sidecar_is_reported_with_its_line_and_the_rest_go_on(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nBody")
    (tmp_path / "a.txt.meta.json").write_text('{"url": "x",\n "title": }')
    (tmp_path / "b.txt").write_text("Other\n\nBody")
    items = list(collect(None, _cfg(tmp_path), None))
    errors = [i for i in items if isinstance(i, IngestError)]
    docs = [i for i in items if isinstance(i, FetchedDocument)]
    assert len(docs) == 1 and docs[0].ref.url.endswith("b.txt")
    assert errors[0].error == "bad_sidecar" and "line 2" in errors[0].detail


def test_since_skips_documents_published_earlier(tmp_path):
    for name, day in [("old", "2019-01-01"), ("new", "2022-01-01")]:
        (tmp_path / f"{name}.txt").write_text(name)
        (tmp_path / f"{name}.txt.meta.json").write_text(json.dumps({"published": day}))
    docs = list(collect(None, _cfg(tmp_path), date(2020, 1, 1)))
    assert [d.ref.metadata["path"].rsplit("/", 1)[1] for d in docs] == ["new.txt"]
