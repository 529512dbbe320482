-- Every referred or removed figure of an actor in date order, so one agency's figures read as a series.
-- The actor is the one the text names, else the document's publisher when its source is the actor's own
-- press office (publisher_is_actor in the sources file: an agency's release rarely names itself);
-- multi-word names become their initials so 'National Crime Agency' and 'NCA' meet.
WITH f AS (
    SELECT
        f.*,
        d.url, d.title, d.kind AS document_kind, d.published_date, d.publisher,
        coalesce(f.actor, CASE WHEN publisher_is_actor THEN d.publisher END) AS actor_name,
        CASE WHEN f.actor IS NOT NULL THEN 'text' WHEN publisher_is_actor AND d.publisher IS NOT NULL
             THEN 'publisher' END                              AS actor_from
    FROM referral_figures f
    JOIN (SELECT *, coalesce(json_extract(metadata, '$.publisher_is_actor')::BOOLEAN, false) AS publisher_is_actor
          FROM documents) d ON d.doc_id = f.doc_id
    WHERE f.measure IN ('referred', 'removed')
)
SELECT
    CASE
        WHEN regexp_full_match(actor_name, '[A-Z][a-z]+( (of|for|and|the|[A-Z][a-z]+))+')
            THEN array_to_string(regexp_extract_all(actor_name, '\b([A-Z])[a-z]+', 1), '')
        ELSE actor_name
    END                                                        AS actor_key,
    actor_name                                                 AS actor,
    actor_from,
    coalesce(as_of, period_end, published_date)                AS figure_date,
    CASE WHEN as_of IS NOT NULL THEN 'as_of' WHEN period_end IS NOT NULL THEN 'period_end'
         WHEN published_date IS NOT NULL THEN 'published' END AS date_basis,
    measure,
    value,
    unit,
    qualifier,
    item,
    platforms,
    period_start,
    period_end,
    as_of,
    figure_id,
    doc_id,
    url                                                        AS document_url,
    title                                                      AS document_title,
    document_kind,
    published_date,
    sentence
FROM f
WHERE actor_name IS NOT NULL
ORDER BY actor_key, figure_date NULLS LAST, measure, value
-- comments
COMMENT ON TABLE figure_timeline IS 'Every referred or removed figure of an actor in date order (as-of date, else period end, else publication date).';
COMMENT ON COLUMN figure_timeline.actor_key IS 'The actor for grouping: its initials when it is a multi-word name (National Crime Agency -> NCA).';
COMMENT ON COLUMN figure_timeline.actor IS 'The actor as the text names it, else the publisher of the document when its source is the actor''s own press office.';
COMMENT ON COLUMN figure_timeline.actor_from IS 'text when the sentence names the actor, publisher when it was taken from the document''s publisher.';
COMMENT ON COLUMN figure_timeline.figure_date IS 'The date the figure is placed at: as_of, else period_end, else the publication date.';
COMMENT ON COLUMN figure_timeline.date_basis IS 'Which date figure_date is: as_of, period_end or published.';
COMMENT ON COLUMN figure_timeline.measure IS 'referred or removed.';
COMMENT ON COLUMN figure_timeline.value IS 'The figure.';
COMMENT ON COLUMN figure_timeline.unit IS 'count or percent.';
COMMENT ON COLUMN figure_timeline.qualifier IS 'exact, at_least, at_most or approximate.';
COMMENT ON COLUMN figure_timeline.item IS 'What is counted, as written.';
COMMENT ON COLUMN figure_timeline.platforms IS 'Platforms the figure is specific to; empty when general.';
COMMENT ON COLUMN figure_timeline.period_start IS 'Start of the period stated with the figure.';
COMMENT ON COLUMN figure_timeline.period_end IS 'End of that period.';
COMMENT ON COLUMN figure_timeline.as_of IS 'Date the count was taken, when stated.';
COMMENT ON COLUMN figure_timeline.figure_id IS 'The figure (referral_figures.figure_id).';
COMMENT ON COLUMN figure_timeline.doc_id IS 'The document stating it.';
COMMENT ON COLUMN figure_timeline.document_url IS 'Public address of that document.';
COMMENT ON COLUMN figure_timeline.document_title IS 'Title of that document.';
COMMENT ON COLUMN figure_timeline.document_kind IS 'Kind of that document.';
COMMENT ON COLUMN figure_timeline.published_date IS 'Publication date of that document.';
COMMENT ON COLUMN figure_timeline.sentence IS 'The sentence stating it.';
