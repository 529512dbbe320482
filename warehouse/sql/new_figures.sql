-- Figures whose statement was first loaded in the latest run (the run id is set as a variable by the asset).
SELECT
    s.first_seen_at,
    s.first_seen_run,
    f.figure_id,
    f.value,
    f.unit,
    f.measure,
    f.qualifier,
    f.item,
    f.actor,
    f.platforms,
    f.period_start,
    f.period_end,
    f.as_of,
    d.url   AS document_url,
    d.title AS document_title,
    d.kind  AS document_kind,
    d.published_date,
    f.sentence
FROM referral_figures f
JOIN figure_first_seen s ON s.statement_key = f.statement_key
JOIN documents d ON d.doc_id = f.doc_id
WHERE s.first_seen_run = getvariable('run_id')
ORDER BY d.published_date DESC, f.doc_id, f.char_start
-- comments
COMMENT ON TABLE new_figures IS 'Referral figures first loaded in the latest run, for alerting.';
COMMENT ON COLUMN new_figures.first_seen_at IS 'When the statement was first loaded (UTC).';
COMMENT ON COLUMN new_figures.first_seen_run IS 'The run that first loaded it (the latest run).';
COMMENT ON COLUMN new_figures.figure_id IS 'The figure (referral_figures.figure_id).';
COMMENT ON COLUMN new_figures.value IS 'The figure.';
COMMENT ON COLUMN new_figures.unit IS 'count or percent.';
COMMENT ON COLUMN new_figures.measure IS 'referred, removed, not_removed or pending.';
COMMENT ON COLUMN new_figures.qualifier IS 'exact, at_least, at_most or approximate.';
COMMENT ON COLUMN new_figures.item IS 'What is counted, as written.';
COMMENT ON COLUMN new_figures.actor IS 'Who made the referrals, when stated.';
COMMENT ON COLUMN new_figures.platforms IS 'Platforms the figure is specific to.';
COMMENT ON COLUMN new_figures.period_start IS 'Start of the period stated.';
COMMENT ON COLUMN new_figures.period_end IS 'End of the period stated.';
COMMENT ON COLUMN new_figures.as_of IS 'Date the count was taken.';
COMMENT ON COLUMN new_figures.document_url IS 'Public address of the document.';
COMMENT ON COLUMN new_figures.document_title IS 'Title of the document.';
COMMENT ON COLUMN new_figures.document_kind IS 'Kind of the document.';
COMMENT ON COLUMN new_figures.published_date IS 'Publication date of the document.';
COMMENT ON COLUMN new_figures.sentence IS 'The sentence stating it.';
