"""UK Parliament select committee evidence and publications (kind `parliament_committees`).

Walks the Committees API collections `/WrittenEvidence`, `/OralEvidence` and `/Publications` for
each committee in publication-date windows (deep `Skip` offsets time out on the live API; short
windows answer quickly), paging with `Skip += Take` until `Skip >= totalResults`.

Each document is downloaded through the API, not the website (which blocks datacentre clients):
`/{Collection}/{id}/Document/{format}` answers JSON whose base64 `data` is the file. Only the
formats an item lists in `files[].fileDataFormat` are requested (others answer 500), in the order
Html, Pdf, OriginalFormat; when one fails the next listed one is tried. The yielded reference
carries the public website URL analysts cite (`/writtenevidence/{id}/html/` or `/pdf/`, …) and
the API URL the bytes came from as `fetch_url`.

Options: `base_url` (default https://committees-api.parliament.uk/api), `website_url` (default
https://committees.parliament.uk), `committee_ids` (default [83], Home Affairs), `types` (default
[written_evidence, oral_evidence, publications]), `window_days` (default 365), `take` (default 30),
`since` (default 2010-01-01 when the run gives none), `until` (default today).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from pipeline.http import FetchError
from pipeline.records import DocumentRef, FetchedDocument, IngestError
from pipeline.sources.common import (
    effective_since,
    fetch_failure,
    fetched,
    iso_date,
    positive_int,
    request_url,
    str_list,
    wanted,
)

if TYPE_CHECKING:
    from pipeline.config import SourceConfig
    from pipeline.http import HttpClient

DEFAULT_BASE = "https://committees-api.parliament.uk/api"
DEFAULT_WEBSITE = "https://committees.parliament.uk"
DEFAULT_START = date(2010, 1, 1)
COLLECTIONS = {"written_evidence": "WrittenEvidence", "oral_evidence": "OralEvidence",
               "publications": "Publications"}
FORMAT_ORDER = ("Html", "Pdf", "OriginalFormat")
FORMAT_TYPES = {"Html": "html", "Pdf": "pdf"}
EXTENSION_TYPES = {"html": "html", "htm": "html", "pdf": "pdf", "docx": "docx", "txt": "text"}


def windows(start: date, end: date, days: int) -> list[tuple[date, date]]:
    """Inclusive [StartDate, EndDate] windows covering start..end. Public so the snapshot builder
    records exactly the queries this module sends."""
    out = []
    while start <= end:
        last = min(start + timedelta(days=days - 1), end)
        out.append((start, last))
        start = last + timedelta(days=1)
    return out


def list_params(committee_id: int, window: tuple[date, date], skip: int, take: int) -> dict[str, Any]:
    return {"CommitteeId": committee_id, "StartDate": window[0].isoformat(),
            "EndDate": window[1].isoformat(), "Skip": skip, "Take": take}


def collect(client: HttpClient, cfg: SourceConfig, since: date | None
            ) -> Iterator[FetchedDocument | IngestError]:
    base = (cfg.base_url or DEFAULT_BASE).rstrip("/")
    website = str(cfg.get("website_url", DEFAULT_WEBSITE)).rstrip("/")
    committee_ids = cfg.get("committee_ids", [83])
    if not isinstance(committee_ids, list) or not committee_ids or not all(
            isinstance(c, int) and not isinstance(c, bool) for c in committee_ids):
        raise cfg.error(f"committee_ids must be a non-empty list of committee numbers, not {committee_ids!r}")
    types = str_list(cfg, "types", list(COLLECTIONS))
    unknown = [t for t in types if t not in COLLECTIONS]
    if unknown:
        raise cfg.error(f"types: unknown {unknown} (use {', '.join(COLLECTIONS)})")
    window_days = positive_int(cfg, "window_days", 365)
    take = positive_int(cfg, "take", 30)
    until = _until(cfg)
    since = effective_since(cfg, since)
    spans = windows(since or DEFAULT_START, until, window_days)
    seen: set[tuple[str, int]] = set()
    for committee_id in committee_ids:
        for type_ in types:
            for window in spans:
                for item in _items(client, cfg, base, COLLECTIONS[type_], committee_id, window, take):
                    if isinstance(item, IngestError):
                        yield item
                        continue
                    key = (type_, item.get("id"))
                    if key in seen or not wanted(_published(item), since):
                        continue
                    seen.add(key)
                    yield from _documents(client, cfg, base, website, type_, committee_id, item)


def _until(cfg: SourceConfig) -> date:
    return cfg.date_option("until") or date.today()


def _items(client: HttpClient, cfg: SourceConfig, base: str, collection: str, committee_id: int,
           window: tuple[date, date], take: int) -> Iterator[dict[str, Any] | IngestError]:
    url = f"{base}/{collection}"
    skip = 0
    while True:
        params = list_params(committee_id, window, skip, take)
        try:
            page = client.get(url, params=params).json()
            items, total = page["items"], int(page["totalResults"])
        except FetchError as e:
            yield fetch_failure(cfg, request_url(url, params), e, stage="discover")
            return
        except (ValueError, KeyError, TypeError) as e:
            yield IngestError(source=cfg.name, url=request_url(url, params), stage="discover",
                              error="bad_json", detail=f"list response without items/totalResults: {e}")
            return
        yield from (i for i in items if isinstance(i, dict) and isinstance(i.get("id"), int))
        skip += take
        if skip >= total or not items:
            return


def _published(item: dict[str, Any]) -> date | None:
    return iso_date(item.get("publicationDate")) or iso_date(item.get("publicationStartDate"))


def _documents(client: HttpClient, cfg: SourceConfig, base: str, website: str, type_: str,
               committee_id: int, item: dict[str, Any]) -> Iterator[FetchedDocument | IngestError]:
    api_id = item["id"]
    if type_ == "publications":
        for doc in item.get("documents") or []:
            if not isinstance(doc, dict) or doc.get("documentId") is None:
                continue
            public = f"{website}/publications/{api_id}/documents/{doc['documentId']}/default/"
            ref = _publication_ref(cfg, item, committee_id, public)
            yield _download(client, cfg, f"{base}/Publications/{api_id}/Document/{doc['documentId']}",
                            doc.get("files") or [], lambda fmt, ref=ref: ref)
        return
    path = "writtenevidence" if type_ == "written_evidence" else "oralevidence"
    collection = COLLECTIONS[type_]
    make = _written_ref if type_ == "written_evidence" else _oral_ref

    def ref_for(fmt: str) -> DocumentRef:
        suffix = {"Html": "html/", "Pdf": "pdf/"}.get(fmt, "")
        return make(cfg, item, committee_id, f"{website}/{path}/{api_id}/{suffix}")

    yield _download(client, cfg, f"{base}/{collection}/{api_id}/Document",
                    (item.get("document") or {}).get("files") or [], ref_for)


def _download(client: HttpClient, cfg: SourceConfig, prefix: str, files: list[Any],
              ref_for: Callable[[str], DocumentRef]) -> FetchedDocument | IngestError:
    listed = {f.get("fileDataFormat"): f for f in files if isinstance(f, dict)}
    formats = [fmt for fmt in FORMAT_ORDER if fmt in listed]
    if not formats:
        return IngestError(source=cfg.name, url=ref_for("Html").url, stage="fetch", error="no_files",
                           detail=f"no downloadable format listed (files: {sorted(map(str, listed))})")
    failures: list[tuple[str, str, str]] = []
    attempts = 0
    for fmt in formats:
        url = f"{prefix}/{fmt}"
        try:
            response = client.get(url)
        except FetchError as e:
            failures.append((fmt, e.reason, e.detail))
            attempts += e.attempts
            continue
        attempts += response.attempts
        try:
            payload = response.json()
            data = base64.b64decode(payload["data"], validate=True)
        except (ValueError, KeyError, TypeError, binascii.Error) as e:
            failures.append((fmt, "bad_payload", f"no base64 'data' in the response: {e}"))
            continue
        file_name = str(payload.get("fileName") or listed[fmt].get("fileName") or "")
        content_type = FORMAT_TYPES.get(fmt) or EXTENSION_TYPES.get(file_name.rpartition(".")[2].lower())
        if content_type is None:
            failures.append((fmt, "unsupported_format", f"{file_name!r} is not html, pdf or docx"))
            continue
        ref = ref_for(fmt)
        ref.fetch_url = url
        ref.metadata.update(file_format=fmt, file_name=file_name)
        return fetched(ref, data, content_type, response.fetched_at)
    detail = "; ".join(f"{fmt}: {reason} {why}".strip() for fmt, reason, why in failures)
    return IngestError(source=cfg.name, url=ref_for(formats[0]).url, stage="fetch", error=failures[-1][1],
                       detail=detail, attempts=attempts)


def _committee(item: dict[str, Any], committee_id: int) -> dict[str, Any]:
    committees = [c for c in item.get("committees") or [] if isinstance(c, dict)]
    if isinstance(item.get("committee"), dict):
        committees.insert(0, item["committee"])
    return next((c for c in committees if c.get("id") == committee_id), committees[0] if committees else {})


def _number(value: Any) -> str | None:
    number = value.get("number") if isinstance(value, dict) else None
    return str(number) if number not in (None, "") else None


def _witnesses(item: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"name": w.get("name"),
             "organisations": [o.get("name") for o in w.get("organisations") or [] if isinstance(o, dict)]}
            for w in item.get("witnesses") or [] if isinstance(w, dict)]


def _witness_label(witness: dict[str, Any]) -> str:
    """"Rob Jones, Director of Threat Leadership, National Crime Agency", or the organisation alone
    when the organisation itself submitted (the website's own title line reads the same way)."""
    orgs = [o for o in witness.get("organisations") or [] if isinstance(o, dict) and o.get("name")]
    if witness.get("submitterType") == "Organisation" and orgs:
        return str(orgs[0]["name"])
    parts = [witness.get("name")]
    if orgs:
        parts += [orgs[0].get("role"), orgs[0]["name"]]
    return ", ".join(str(p) for p in parts if p)


def _join(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def _metadata(item: dict[str, Any], committee: dict[str, Any], committee_id: int,
              business: dict[str, Any], hc_number: str | None) -> dict[str, Any]:
    return {"internal_reference": item.get("internalReference"), "witnesses": _witnesses(item),
            "committee": committee.get("name"), "committee_id": committee.get("id", committee_id),
            "inquiry": business.get("title"), "inquiry_id": business.get("id"), "hc_number": hc_number,
            "meeting_date": iso_date(item.get("meetingDate")), "api_id": item["id"]}


def _written_ref(cfg: SourceConfig, item: dict[str, Any], committee_id: int, url: str) -> DocumentRef:
    committee = _committee(item, committee_id)
    business = item.get("committeeBusiness") if isinstance(item.get("committeeBusiness"), dict) else {}
    labels = [label for label in map(_witness_label, item.get("witnesses") or []) if label]
    if item.get("anonymous") or not labels:
        labels = [str(item.get("anonymousWitnessText") or "Anonymous")]
    reference = item.get("internalReference")
    title = f"Written evidence submitted by {_join(labels)}" + (f" ({reference})" if reference else "")
    return DocumentRef(source=cfg.name, url=url, kind="written_evidence", title=title,
                       published=_published(item), publisher=committee.get("name"),
                       metadata=_metadata(item, committee, committee_id, business,
                                          _number(item.get("hcNumber"))))


def _oral_ref(cfg: SourceConfig, item: dict[str, Any], committee_id: int, url: str) -> DocumentRef:
    committee = _committee(item, committee_id)
    business = next((b for b in item.get("committeeBusinesses") or [] if isinstance(b, dict)), {})
    hc_number = next((n for n in map(_number, item.get("hcNumbers") or []) if n), None)
    title = "Oral evidence" + (f": {business['title']}" if business.get("title") else "") \
        + (f", HC {hc_number}" if hc_number else "")
    return DocumentRef(source=cfg.name, url=url, kind="oral_evidence", title=title,
                       published=_published(item), publisher=committee.get("name"),
                       metadata=_metadata(item, committee, committee_id, business, hc_number))


def _publication_ref(cfg: SourceConfig, item: dict[str, Any], committee_id: int, url: str) -> DocumentRef:
    committee = _committee(item, committee_id)
    business = next((b for b in item.get("businesses") or [] if isinstance(b, dict)), {})
    type_name = str((item.get("type") or {}).get("name") or "")
    lowered = type_name.lower()
    kind = "government_response" if "government response" in lowered else \
        "report" if "report" in lowered else "publication"
    metadata = _metadata(item, committee, committee_id, business, _number(item.get("hcNumber")))
    metadata["publication_type"] = type_name or None
    return DocumentRef(source=cfg.name, url=url, kind=kind, title=item.get("description"),
                       published=_published(item), publisher=committee.get("name"), metadata=metadata)
