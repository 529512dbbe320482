"""The summary SQL on hand-made rows: claims grouping and labels, outcomes arithmetic, timeline actors."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline import warehouse


@pytest.fixture
def con(tmp_path):
    c = warehouse.connect(tmp_path / "w.duckdb")
    warehouse.ensure_schema(c)
    c.execute("SET VARIABLE run_id = 'test'")
    yield c
    c.close()


def doc(con, doc_id, kind, published, publisher=None, publisher_is_actor=False):
    warehouse.insert_rows(con, "documents", [{
        "doc_id": doc_id, "source": "s", "kind": kind, "url": f"https://example.org/{doc_id}", "title": doc_id,
        "published_date": published, "publisher": publisher, "parse_status": "ok",
        "metadata": {"publisher_is_actor": True} if publisher_is_actor else {}}])


def fig(con, doc_id, n, value, measure="referred", qualifier="exact", *, unit="count", item="pages", actor=None,
        platforms=(), start=None, end=None, as_of=None, parent=None):
    warehouse.insert_rows(con, "referral_figures", [{
        "figure_id": f"{doc_id}:{n}", "doc_id": doc_id, "value": value, "unit": unit, "measure": measure,
        "qualifier": qualifier, "item": item, "actor": actor, "platforms": list(platforms), "period_start": start,
        "period_end": end, "as_of": as_of, "parent_figure_id": parent, "sentence": f"{value} {item}",
        "char_start": n, "char_end": n + 1, "statement_key": f"{doc_id}:{n}"}])


def claims(con):
    warehouse.build_summary(con, "figure_claims")
    return {r[0]: r[1:] for r in con.execute(
        "SELECT figure_id, claim_id, label, documents FROM figure_claims").fetchall()}


MAY = {"start": date(2020, 1, 1), "end": date(2020, 5, 31)}


def test_claim_groups_restatements_and_labels_them_against_the_precise_primary(con):
    doc(con, "evidence", "written_evidence", date(2020, 10, 7))
    doc(con, "oral", "oral_evidence", date(2020, 9, 3))
    doc(con, "paper1", "news", date(2020, 9, 4))
    doc(con, "paper2", "news", date(2020, 9, 5))
    doc(con, "paper3", "news", date(2020, 9, 6))
    fig(con, "evidence", 0, 1218, actor="NCA", item="social media pages", **MAY)
    fig(con, "oral", 0, 1200, qualifier="at_least", start=date(2020, 1, 1))
    fig(con, "paper1", 0, 1200, qualifier="at_most", item="pages advertising crossings")
    fig(con, "paper2", 0, 1200, qualifier="approximate", actor="National Crime Agency")
    fig(con, "paper3", 0, 1200)
    got = claims(con)
    assert {k: v[0] for k, v in got.items()} == {k: "evidence:0" for k in got}  # one claim
    assert {k: v[1] for k, v in got.items()} == {
        "evidence:0": "consistent", "oral:0": "consistent",  # 'over 1,200' holds 1,218
        "paper1:0": "conflicting",  # 'nearly 1,200' is below 1,218
        "paper2:0": "rounded", "paper3:0": "rounded"}
    assert got["evidence:0"][2] == 5


def test_claims_keep_apart_other_measures_platforms_periods_actors_and_values(con):
    doc(con, "a", "written_evidence", date(2021, 2, 1))
    doc(con, "b", "press_release", date(2021, 3, 1))
    fig(con, "a", 0, 1000, **MAY)
    fig(con, "b", 0, 1000, measure="removed", **MAY)  # another measure
    fig(con, "b", 1, 1000, platforms=["TikTok"], **MAY)  # platform-specific
    fig(con, "b", 2, 1000, start=date(2021, 1, 1), end=date(2021, 12, 31))  # another period
    fig(con, "b", 3, 1000, actor="CTIRU", **MAY)  # no: a's actor is unknown, so these may meet
    fig(con, "b", 4, 1500, **MAY)  # more than 10% away
    fig(con, "b", 5, 1000, item="accounts", **MAY)  # another counted noun
    got = claims(con)
    assert got["a:0"][0] == got["b:3"][0]
    for other in ("b:0", "b:1", "b:2", "b:4", "b:5"):
        assert got[other][0] != got["a:0"][0], other


def test_a_round_primary_makes_qualified_restatements_rounded_not_conflicting(con):
    doc(con, "a", "press_release", date(2025, 1, 27))
    doc(con, "b", "press_release", date(2026, 1, 21))
    fig(con, "a", 0, 8000, measure="removed", qualifier="at_least", start=date(2024, 1, 1), end=date(2024, 12, 31))
    fig(con, "b", 0, 8000, measure="removed", start=date(2024, 1, 1), end=date(2024, 12, 31))
    got = claims(con)
    assert got["a:0"][0] == got["b:0"][0] == "b:0"  # the exact statement is primary
    assert got["a:0"][1] == "rounded"


def test_outcomes_sum_parts_and_say_whether_they_add_up(con):
    doc(con, "e", "written_evidence", date(2020, 10, 7))
    fig(con, "e", 0, 1218, **MAY)
    for n, (value, measure) in enumerate([(578, "removed"), (485, "not_removed"), (155, "pending")], 1):
        fig(con, "e", n, value, measure, parent="e:0", as_of=date(2020, 9, 3), **MAY)
    fig(con, "e", 4, 100)
    fig(con, "e", 5, 60, "removed", parent="e:4")
    fig(con, "e", 6, 50, "not_removed", parent="e:4")
    warehouse.build_summary(con, "referral_outcomes")
    rows = dict((r[0], r[1:]) for r in con.execute(
        "SELECT referral_figure_id, removed, not_removed, pending, parts_add_up, removal_rate, as_of "
        "FROM referral_outcomes").fetchall())
    assert rows["e:0"] == (578, 485, 155, "exact", round(578 / 1218, 4), date(2020, 9, 3))
    assert rows["e:4"][3] == "over"


def test_timeline_takes_the_publisher_only_from_an_agencys_own_press_office(con):
    doc(con, "nca", "press_release", date(2025, 1, 27), publisher="National Crime Agency", publisher_is_actor=True)
    doc(con, "paper", "news", date(2025, 1, 28), publisher="The Daily Courier")
    doc(con, "ev", "written_evidence", date(2020, 10, 7), publisher="Home Affairs Committee")
    fig(con, "nca", 0, 8000, "removed", start=date(2024, 1, 1), end=date(2024, 12, 31))
    fig(con, "paper", 0, 8000, "removed")
    fig(con, "ev", 0, 1218, actor="NCA", **MAY)
    warehouse.build_summary(con, "figure_timeline")
    rows = con.execute("SELECT actor_key, actor_from, figure_date, figure_id FROM figure_timeline "
                       "ORDER BY figure_date").fetchall()
    assert rows == [("NCA", "text", date(2020, 5, 31), "ev:0"), ("NCA", "publisher", date(2024, 12, 31), "nca:0")]
