-- One row per referred total (a count), with the outcome figures the text links to it.
WITH parts AS (
    SELECT
        parent_figure_id,
        sum(value) FILTER (WHERE measure = 'removed' AND unit = 'count')     AS removed,
        sum(value) FILTER (WHERE measure = 'not_removed' AND unit = 'count') AS not_removed,
        sum(value) FILTER (WHERE measure = 'pending' AND unit = 'count')     AS pending,
        max(value) FILTER (WHERE measure = 'removed' AND unit = 'percent')   AS removed_percent,
        max(as_of)                                                           AS parts_as_of,
        count(*)                                                             AS part_figures
    FROM referral_figures
    WHERE parent_figure_id IS NOT NULL
    GROUP BY parent_figure_id
)
SELECT
    t.figure_id                                   AS referral_figure_id,
    t.doc_id,
    d.title                                       AS document_title,
    d.url                                         AS document_url,
    d.kind                                        AS document_kind,
    d.published_date,
    t.actor,
    t.item,
    t.platforms,
    t.period_start,
    t.period_end,
    coalesce(p.parts_as_of, t.as_of)              AS as_of,
    t.value                                       AS referred,
    t.qualifier                                   AS referred_qualifier,
    p.removed,
    p.not_removed,
    p.pending,
    round(coalesce(p.removed / nullif(t.value, 0), p.removed_percent / 100.0), 4) AS removal_rate,
    CASE
        WHEN p.removed IS NULL AND p.not_removed IS NULL AND p.pending IS NULL THEN NULL
        WHEN coalesce(p.removed, 0) + coalesce(p.not_removed, 0) + coalesce(p.pending, 0) = t.value THEN 'exact'
        WHEN coalesce(p.removed, 0) + coalesce(p.not_removed, 0) + coalesce(p.pending, 0) < t.value THEN 'under'
        ELSE 'over'
    END                                           AS parts_add_up,
    coalesce(p.part_figures, 0)                   AS part_figures,
    t.sentence
FROM referral_figures t
LEFT JOIN parts p ON p.parent_figure_id = t.figure_id
LEFT JOIN documents d ON d.doc_id = t.doc_id
WHERE t.measure = 'referred' AND t.unit = 'count'
ORDER BY d.published_date, t.doc_id, t.char_start
-- comments
COMMENT ON TABLE referral_outcomes IS 'One row per referred total with the outcome figures the text links to it (Of these, 578 had been closed), the removal rate and whether the parts add up.';
COMMENT ON COLUMN referral_outcomes.referral_figure_id IS 'The referred figure (referral_figures.figure_id).';
COMMENT ON COLUMN referral_outcomes.doc_id IS 'The document stating the total.';
COMMENT ON COLUMN referral_outcomes.document_title IS 'Title of that document.';
COMMENT ON COLUMN referral_outcomes.document_url IS 'Public address of that document.';
COMMENT ON COLUMN referral_outcomes.document_kind IS 'Kind of that document (written_evidence, press_release, ...).';
COMMENT ON COLUMN referral_outcomes.published_date IS 'Publication date of that document.';
COMMENT ON COLUMN referral_outcomes.actor IS 'Who made the referrals, when stated.';
COMMENT ON COLUMN referral_outcomes.item IS 'What was referred, as written.';
COMMENT ON COLUMN referral_outcomes.platforms IS 'Platforms the total is specific to; empty when general.';
COMMENT ON COLUMN referral_outcomes.period_start IS 'Start of the period the referrals were made in.';
COMMENT ON COLUMN referral_outcomes.period_end IS 'End of that period.';
COMMENT ON COLUMN referral_outcomes.as_of IS 'Date the outcomes were counted (the latest as_of of the parts, else of the total).';
COMMENT ON COLUMN referral_outcomes.referred IS 'The referred total.';
COMMENT ON COLUMN referral_outcomes.referred_qualifier IS 'exact, at_least, at_most or approximate.';
COMMENT ON COLUMN referral_outcomes.removed IS 'Sum of the removed counts linked to the total.';
COMMENT ON COLUMN referral_outcomes.not_removed IS 'Sum of the not-removed counts linked to the total.';
COMMENT ON COLUMN referral_outcomes.pending IS 'Sum of the pending counts linked to the total.';
COMMENT ON COLUMN referral_outcomes.removal_rate IS 'removed / referred, else a stated removed percentage / 100.';
COMMENT ON COLUMN referral_outcomes.parts_add_up IS 'exact, under or over: how removed + not_removed + pending compares with the total; null without parts.';
COMMENT ON COLUMN referral_outcomes.part_figures IS 'How many outcome figures are linked to the total.';
COMMENT ON COLUMN referral_outcomes.sentence IS 'The sentence stating the total.';
