"""Referral figures read from sentences: what counts, its measure, qualifier, dates, platforms and
parent. Sentences are my own or public figures (NCA, CTIRU, Europol) as cited in sources.md."""

from datetime import date

import pytest

from pipeline.document import Block, Document
from pipeline.extract import extract
from pipeline.extract.numbers import find_numbers
from pipeline.records import ReferralFigure


def _doc(*paragraphs: str, kind: str = "paragraph") -> Document:
    text = "\n\n".join(paragraphs)
    blocks, pos = [], 0
    for i, p in enumerate(paragraphs):
        blocks.append(Block(pos, pos + len(p), "title" if i == 0 else kind))
        pos += len(p) + 2
    return Document(title=paragraphs[0], text=text, blocks=blocks)


def _figures(*paragraphs: str, published: date = date(2022, 6, 1)) -> list[ReferralFigure]:
    doc = _doc(*paragraphs)
    figures, _ = extract(doc, published)
    for f in figures:
        assert [n.value for n in find_numbers(doc.text[f.char_start : f.char_end])] == [f.value]
        assert doc.text[f.char_start : f.char_end] in f.sentence
    return figures


def _keys(figures: list[ReferralFigure]) -> list[tuple[float, str, str, str]]:
    return [(f.value, f.unit, f.measure, f.qualifier) for f in figures]


def test_nca_referral_and_outcomes() -> None:
    figures = _figures(
        "Supplementary written evidence (CHA0051)",
        "Between January and May 2020 the NCA referred 1,218 social media pages to platforms for closure. Of these, "
        "as of 3 September, 578 had been closed, 485 remained open and 155 were awaiting a decision.",
        published=date(2020, 10, 7),
    )
    assert _keys(figures) == [
        (1218, "count", "referred", "exact"),
        (578, "count", "removed", "exact"),
        (485, "count", "not_removed", "exact"),
        (155, "count", "pending", "exact"),
    ]
    total = figures[0]
    assert (total.period_start, total.period_end, total.as_of) == (date(2020, 1, 1), date(2020, 5, 31), None)
    assert total.item == "social media pages" and total.actor == "NCA"
    for outcome in figures[1:]:
        assert outcome.parent_index == 0
        assert (outcome.period_start, outcome.period_end) == (date(2020, 1, 1), date(2020, 5, 31))
        assert outcome.as_of == date(2020, 9, 3)
    assert [f.measure_text for f in figures[1:]] == ["closed", "remained open", "awaiting"]


def test_elliptical_outcomes_take_the_measure_of_their_own_clause() -> None:
    figures = _figures(
        "Evidence",
        "Between June and November 2021 the Trust referred 946 advertisements to social media companies. "
        "By 15 January 2022, 702 had been taken down, 171 were still live and 73 were awaiting review.",
    )
    assert [(f.value, f.measure) for f in figures] == [
        (946, "referred"),
        (702, "removed"),
        (171, "not_removed"),
        (73, "pending"),
    ]
    assert all(f.as_of == date(2022, 1, 15) and f.period_end == date(2021, 11, 30) for f in figures[1:])


def test_negated_ellipsis_is_not_removed() -> None:
    figures = _figures(
        "T", "The group referred 1,384 posts. On 1 September 2023, 1,102 had been removed and 282 had not."
    )
    assert [(f.value, f.measure) for f in figures] == [(1384, "referred"), (1102, "removed"), (282, "not_removed")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Over 92% of the content referred by the agency was taken down.", (92, "percent", "removed", "at_least")),
        (
            "Last year we flagged 2,500 accounts, and about 65 per cent were removed.",
            (65, "percent", "removed", "approximate"),
        ),
        (
            "Police referred 700 pages and roughly 48 per cent of them were left online.",
            (48, "percent", "not_removed", "approximate"),
        ),
        (
            "The platforms achieved a removal rate of 74 per cent on the accounts we flagged.",
            (74, "percent", "removed", "exact"),
        ),
    ],
)
def test_percentages_of_referred_items_are_outcomes(sentence: str, expected: tuple) -> None:
    assert expected in _keys(_figures("T", sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "About 80% of small-boat arrivals used social media.",
        "There was a 40% increase in referrals.",
        "Referrals rose 25% on the previous year.",
        "Facebook accounted for 60% of the pages.",
        "70% of asylum claims were refused.",
    ],
)
def test_percentages_that_are_changes_or_of_other_things_are_not_figures(sentence: str) -> None:
    assert _figures("T", sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The Home Office had 70 officers and 35 volunteers.",
        "45,755 people crossed in 2022, compared with 28,526 in 2021.",
        "More than 600 boats and engines were seized in 18 months.",
        "The cost rose to £3.6 billion.",
        "The group monitors 14 languages across 5 platforms.",
        "See paragraph 5, Q14 and HC 705 (CHA0051), or call 020 7946 0000.",
        "Analysts reviewed 5,000 posts but none met the threshold.",
        "Thousands of posts were removed and many remain online.",
        "Platforms must act within 24 hours.",
        "More than 90 investigations are under way.",
        "The agency referred a number of pages.",
    ],
)
def test_spec_not_list(sentence: str) -> None:
    assert _figures("T", sentence) == []


@pytest.mark.parametrize(
    ("sentence", "value", "qualifier"),
    [
        ("The unit referred more than 3,100 pages.", 3100, "at_least"),
        ("The unit referred in excess of 3,100 pages.", 3100, "at_least"),
        ("The unit referred upwards of 3,100 pages.", 3100, "at_least"),
        ("The unit referred 1,200+ pages.", 1200, "at_least"),
        ("The unit referred nearly 700 pages.", 700, "at_most"),
        ("The unit referred just under two thousand pages.", 2000, "at_most"),
        ("The unit referred fewer than 500 pages.", 500, "at_most"),
        ("The unit referred up to 500 pages.", 500, "at_most"),
        ("The unit referred roughly 2,500 accounts.", 2500, "approximate"),
        ("The unit referred some 12k URLs.", 12000, "approximate"),
        ("The unit referred an estimated 3.3m posts.", 3_300_000, "approximate"),
        ("The unit referred circa 400 videos.", 400, "approximate"),
        ("The unit referred three hundred and twenty posts.", 320, "exact"),
    ],
)
def test_qualifiers(sentence: str, value: float, qualifier: str) -> None:
    assert _keys(_figures("T", sentence)) == [(value, "count", "referred", qualifier)]


@pytest.mark.parametrize(
    ("sentence", "measure"),
    [
        ("More than 5,200 posts and accounts were removed between January and June 2025.", "removed"),
        ("About 12,000 posts have been taken down.", "removed"),
        ("The CTIRU secured the removal of 300,000 pieces of terrorist material.", "removed"),
        ("In 2016 there were 120,000 removals.", "removed"),
        ("More than 10,000 accounts were shut.", "removed"),
        ("The platforms suspended 400 accounts.", "removed"),
        ("In 2021 the NCA made 2,000 referrals to social media companies.", "referred"),
        ("We submitted 300 takedown requests.", "referred"),
        ("Officers reported 450 videos to TikTok.", "referred"),
        ("Platforms rejected 85 requests.", "not_removed"),
        ("Some 40 pages were not removed.", "not_removed"),
        ("About 30 groups remain active.", "not_removed"),
        ("Around 60 channels are still under review.", "pending"),
    ],
)
def test_measures(sentence: str, measure: str) -> None:
    figures = _figures("T", sentence)
    assert [f.measure for f in figures] == [measure]


def test_sent_counts_as_referred_only_with_a_destination() -> None:
    assert [f.measure for f in _figures("T", "We sent 310 accounts to Snapchat for review.")] == ["referred"]
    assert _figures("T", "Smugglers sent 310 messages a day.") == []


def test_assessed_items_are_not_referred_but_their_referred_part_is() -> None:
    figures = _figures("T", "Analysts reviewed 5,000 posts and referred 300 of them to the platforms.")
    assert [(f.value, f.measure) for f in figures] == [(300, "referred")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We referred 44 servers to Discord, and Discord has acknowledged all of them.", [["Discord"]]),
        ("Referrals were led by Facebook (1,118 reports) and Instagram (402 reports).", [["Facebook"], ["Instagram"]]),
        ("The team sent 310 accounts to Snapchat for review.", [["Snapchat"]]),
        ("The unit flagged 400 Telegram channels.", [["Telegram"]]),
        ("Facebook removed 600 pages.", [["Facebook"]]),
        ("More than 3,100 pages were referred to the platforms.", [[]]),
        ("The NCA referred 1,500 pages: 1,118 on Facebook and 382 on Instagram.", [[], ["Facebook"], ["Instagram"]]),
    ],
)
def test_platform_specificity(sentence: str, expected: list[list[str]]) -> None:
    assert [f.platforms for f in _figures("T", sentence)] == expected


def test_breakdown_figures_share_the_measure_of_their_total() -> None:
    figures = _figures(
        "T", "In 2021 the unit referred 1,500 pages: 1,118 on Facebook, 300 on Instagram and 82 on TikTok."
    )
    assert [(f.value, f.measure, f.period_end) for f in figures] == [
        (v, "referred", date(2021, 12, 31)) for v in (1500, 1118, 300, 82)
    ]


def test_headline_and_body_repeat_are_two_rows() -> None:
    figures = _figures("NCA refers 1,200 pages to platforms", "The NCA said it had referred 1,200 pages to platforms.")
    assert _keys(figures) == [(1200, "count", "referred", "exact")] * 2
    assert figures[0].sentence != figures[1].sentence


def test_part_of_a_total_stated_after_it() -> None:
    figures = _figures("T", "Facebook removed 600 of the 820 pages referred to it in 2021.")
    assert [(f.value, f.measure, f.parent_index) for f in figures] == [(600, "removed", 1), (820, "referred", None)]
    assert figures[0].period_start == date(2021, 1, 1) and figures[0].platforms == ["Facebook"]


def test_outcome_in_next_paragraph_links_back_and_inherits_period_but_not_as_of() -> None:
    figures = _figures("T", "In 2019/20 the unit referred 1,100 URLs.", "By April 2021, 900 of these had been removed.")
    assert [(f.value, f.measure, f.parent_index) for f in figures] == [(1100, "referred", None), (900, "removed", 0)]
    assert (figures[1].period_start, figures[1].period_end) == (date(2019, 4, 1), date(2020, 3, 31))
    assert figures[1].as_of == date(2021, 4, 30) and figures[0].as_of is None


def test_outcome_larger_than_the_total_is_not_its_part() -> None:
    figures = _figures("T", "We referred 300 posts. Later, 450 were removed.")
    assert [(f.value, f.parent_index) for f in figures] == [(300, None), (450, None)]


def test_outcome_with_no_total_has_no_parent_or_inherited_period() -> None:
    figures = _figures(
        "T",
        "More than 5,200 posts were removed between January and June 2025.",
        "Over 92% of the content referred by the agency was taken down.",
    )
    assert [(f.value, f.parent_index, f.period_start) for f in figures] == [
        (5200, None, date(2025, 1, 1)),
        (92, None, None),
    ]


def test_elliptical_outcome_needs_referral_context() -> None:
    assert _figures("T", "In 2020, 500 were refused asylum and 300 were removed from the UK.") == []


def test_partitive_opener_is_the_referred_total() -> None:
    figures = _figures("T", "Of 946 adverts, 702 were removed and 244 remain live.")
    assert [(f.value, f.measure, f.parent_index) for f in figures] == [
        (946, "referred", None),
        (702, "removed", 0),
        (244, "not_removed", 0),
    ]


def test_bracketed_share_after_a_count() -> None:
    figures = _figures(
        "T", "Between April 2021 and March 2022, 3,456 URLs were submitted, and 2,900 (84%) were removed."
    )
    assert _keys(figures) == [
        (3456, "count", "referred", "exact"),
        (2900, "count", "removed", "exact"),
        (84, "percent", "removed", "exact"),
    ]
    assert figures[1].parent_index == 0 and figures[2].parent_index == 0


def test_compared_and_included_figures() -> None:
    figures = _figures(
        "T",
        "More than 8,000 accounts were removed in 2024, a 40% increase on 5,600 in 2023.",
        "About 12,000 posts had been removed by the end of June 2024, including about 9,000 in the last year.",
        published=date(2025, 1, 27),
    )
    assert [(f.value, f.measure, f.period_start and f.period_start.year) for f in figures] == [
        (8000, "removed", 2024),
        (5600, "removed", 2023),
        (12000, "removed", None),
        (9000, "removed", None),
    ]


def test_dates_follow_the_figure_they_are_written_after() -> None:
    figures = _figures("T", "The agency referred 2,000 accounts in 2021 and 320 posts in the first quarter of 2022.")
    assert [(f.value, f.period_start, f.period_end) for f in figures] == [
        (2000, date(2021, 1, 1), date(2021, 12, 31)),
        (320, date(2022, 1, 1), date(2022, 3, 31)),
    ]


def test_rolling_period_is_left_empty() -> None:
    (figure,) = _figures("T", "Police referred nearly 700 smuggling pages to the platforms over the summer.")
    assert figure.period_start is None and figure.period_end is None


def test_pages_come_from_the_document() -> None:
    doc = _doc("Title", "Intro.", "The unit referred 1,218 pages.")
    doc.page_starts = [0, doc.text.index("The unit")]
    (figure,), _ = extract(doc, date(2022, 1, 1))
    assert figure.page == 2


def test_a_request_to_take_down_is_a_referral_and_of_the_pages_links_to_it() -> None:
    figures = _figures(
        "T",
        "The agency has asked social media firms to take down over 1,200 pages this year.",
        "Officials said that 578 of the pages had been removed.",
        published=date(2020, 9, 4),
    )
    assert [(f.value, f.measure, f.parent_index) for f in figures] == [(1200, "referred", None), (578, "removed", 0)]
    assert figures[1].period_start == date(2020, 1, 1)


def test_running_totals_and_the_number_stood_at() -> None:
    figures = _figures(
        "T",
        "About 12,000 pieces of social media content had been removed by the end of June 2024.",
        "By April 2023 the number stood at about 3,300, meaning that around 9,000 have been removed since.",
        "This brings the total taken down since December 2021 to more than 16,500.",
        published=date(2024, 7, 10),
    )
    assert [(f.value, f.measure, f.qualifier, f.as_of) for f in figures] == [
        (12000, "removed", "approximate", date(2024, 6, 30)),
        (3300, "removed", "approximate", date(2023, 4, 30)),
        (9000, "removed", "approximate", None),
        (16500, "removed", "at_least", None),
    ]
    assert (figures[3].period_start, figures[3].period_end) == (date(2021, 12, 1), None)


def test_month_before_a_count_is_not_a_day_and_waiting_or_visible_are_outcomes() -> None:
    figures = _figures(
        "T",
        "In August 2020 we reported 57 groups to the services hosting them.",
        "By the end of September 19 had been closed, 30 remained visible and 8 were waiting for a decision.",
        published=date(2020, 10, 7),
    )
    assert [(f.value, f.measure, f.as_of) for f in figures] == [
        (57, "referred", None),
        (19, "removed", date(2020, 9, 30)),
        (30, "not_removed", date(2020, 9, 30)),
        (8, "pending", date(2020, 9, 30)),
    ]
    assert all(f.period_start == date(2020, 8, 1) and f.parent_index == 0 for f in figures[1:])


def test_publication_dates_are_not_as_of_dates() -> None:
    (figure,) = _figures(
        "T",
        "The paper, published by the Committee on 7 October 2020, says that between January and May 2020 "
        "the Agency referred 1,218 pages to the platforms.",
        published=date(2020, 11, 10),
    )
    assert figure.as_of is None and figure.period_end == date(2020, 5, 31)


def test_since_the_start_of_the_year_and_that_year() -> None:
    figures = _figures(
        "T",
        "Since the start of the year we have referred over 1,200 pages to the platforms.",
        "In 2020 the NCA told us it had referred 1,218 pages in the first five months of that year.",
        published=date(2020, 9, 8),
    )
    assert [(f.period_start, f.period_end) for f in figures] == [
        (date(2020, 1, 1), None),
        (date(2020, 1, 1), date(2020, 5, 31)),
    ]


def _periods(figures: list[ReferralFigure]) -> list[tuple[float, str | None, str | None]]:
    return [(f.value, f.period_start and f.period_start.isoformat(), f.period_end and f.period_end.isoformat())
            for f in figures]


def test_outcomes_belong_to_the_total_they_add_up_to() -> None:
    figures = _figures(
        "T",
        "Last year we flagged 3,050 accounts.",
        "In the first quarter of 2023 we flagged 640 accounts; in the second quarter, 815.",
        "By the end of January 2024, 2,210 of these accounts had been suspended, 588 were still active and 252 "
        "were awaiting a decision.",
        published=date(2024, 3, 5),
    )
    assert _periods(figures) == [
        (3050, "2023-01-01", "2023-12-31"),
        (640, "2023-01-01", "2023-03-31"),
        (815, "2023-04-01", "2023-06-30"),
        (2210, "2023-01-01", "2023-12-31"),
        (588, "2023-01-01", "2023-12-31"),
        (252, "2023-01-01", "2023-12-31"),
    ]
    assert {figures[i].parent_index for i in (3, 4, 5)} == {0}


def test_of_these_links_outcomes_with_their_own_nouns_and_platforms() -> None:
    figures = _figures(
        "T",
        "Between March and June 2025 the unit reported 1,460 channels and groups on messaging apps.",
        "Of those, Telegram shut down 812 channels and Viber deleted 97 groups.",
        published=date(2025, 7, 1),
    )
    assert [(f.value, f.parent_index, f.platforms) for f in figures] == [
        (1460, None, []),
        (812, 0, ["Telegram"]),
        (97, 0, ["Viber"]),
    ]
    assert _periods(figures)[1:] == [(812, "2025-03-01", "2025-06-30"), (97, "2025-03-01", "2025-06-30")]


def test_a_share_of_the_whole_is_linked_to_the_total_not_its_last_part() -> None:
    figures = _figures(
        "T",
        "Officers flagged almost 1,900 posts between February and July 2023, including 640 videos to TikTok, "
        "410 posts to Instagram and 310 accounts to Snapchat.",
        "Of the posts flagged, roughly 74 per cent were removed.",
        published=date(2023, 8, 14),
    )
    share = figures[-1]
    assert (share.value, share.platforms, figures[share.parent_index].value) == (74, [], 1900)
    assert all((start, end) == ("2023-02-01", "2023-07-31") for _, start, end in _periods(figures))


def test_a_date_closing_a_coordination_dates_both_figures() -> None:
    text = "We reported 310 accounts to Snapchat and 142 to VK in February."
    figures = _figures("T", text, published=date(2025, 4, 2))
    assert _periods(figures) == [(310, "2025-02-01", "2025-02-28"), (142, "2025-02-01", "2025-02-28")]


def test_a_new_clause_with_its_own_verb_keeps_its_date() -> None:
    figures = _figures("T", "In 2019/20 the Unit referred 2,310 URLs, and in 2020-21 it referred 3,045.")
    assert _periods(figures) == [(2310, "2019-04-01", "2020-03-31"), (3045, "2020-04-01", "2021-03-31")]


def test_an_opening_date_reaches_past_while() -> None:
    figures = _figures(
        "T",
        "Between January and May 2020 the NCA referred 1,218 pages.",
        "By 3 September, only 578 of these pages had been closed, while 485 remained open.",
        published=date(2020, 10, 14),
    )
    assert [f.as_of for f in figures] == [None, date(2020, 9, 3), date(2020, 9, 3)]


def test_items_only_reviewed_are_not_referral_figures() -> None:
    assert _figures("T", "I reviewed 300 posts myself; none of them had been referred to anyone.") == []
    assert _figures("T", "Officers also reviewed some 9,000 posts that were not referred.") == []


def test_durations_are_not_counts() -> None:
    figures = _figures("T", "In 2019 we referred 800 pages. Up to 35% of the pages we referred in 2019 remained live "
                       "three months later.")
    assert _keys(figures) == [(800, "count", "referred", "exact"), (35, "percent", "not_removed", "at_most")]


def test_a_share_restating_the_outcome_before_it() -> None:
    figures = _figures(
        "T", "Last year the unit referred 41,300 pieces of content, and the platforms took down 37,950 of them. "
        "That is roughly 92 per cent.",
    )
    assert _keys(figures)[-1] == (92, "percent", "removed", "approximate")
    assert figures[figures[-1].parent_index].value == 41300


def test_left_online_around_the_number_and_the_remaining_items() -> None:
    figures = _figures(
        "T",
        "In 2023 we have reported 2045 posts to the platforms. Platforms actioned 1,610 of them and left 290 online.",
        "The remaining 145 items were not removed.",
        published=date(2023, 11, 6),
    )
    assert _keys(figures) == [
        (2045, "count", "referred", "exact"),
        (1610, "count", "removed", "exact"),
        (290, "count", "not_removed", "exact"),
        (145, "count", "not_removed", "exact"),
    ]
    assert figures[3].parent_index == 0 and figures[3].period_start == date(2023, 1, 1)


def test_context_reaches_across_a_question_in_oral_evidence() -> None:
    figures = _figures(
        "T",
        "Dr Okafor: Between January and October we referred just under two thousand pages to the platforms.",
        "Q12 Chair: How many are still up?",
        "Dr Okafor: As of 26 November, three hundred and twenty of them were still live.",
        published=date(2021, 12, 1),
    )
    assert _keys(figures) == [(2000, "count", "referred", "at_most"), (320, "count", "not_removed", "exact")]


def test_a_possessive_before_the_platform_it_was_sent_to() -> None:
    (figure,) = _figures("T", "In January we flagged 3,880 videos to Google’s YouTube service.")
    assert figure.platforms == ["YouTube"]


def test_the_agency_resolves_to_the_organisation_named_before_it() -> None:
    from datetime import date as _date

    from pipeline.extract import extract
    from pipeline.parse import parse

    def actors(text: str) -> list[str | None]:
        figures, _ = extract(parse(text.encode(), "text"), _date(2022, 1, 1))
        return [f.actor for f in figures]

    assert actors("T\n\nThe National Crime Agency (NCA) gave evidence. The Agency referred 1,218 pages in 2020.\n") \
        == ["NCA"]
    assert actors("T\n\nEvidence from the National Crime Agency shows the Agency referred 1,218 pages in 2020.\n") \
        == ["National Crime Agency"]
    assert actors("T\n\nThe Agency referred 1,218 pages to platforms in 2020.\n") == [None]  # names nobody
    assert actors("T\n\nThe Counter Terrorism Internet Referral Unit referred 300 videos in 2019.\n") \
        == ["Counter Terrorism Internet Referral Unit"]
