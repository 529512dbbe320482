-- The same quantity reconciled across the statements that repeat it.
-- Statements are grouped into a claim when they share measure, unit and platforms, their actors and
-- items do not disagree, their dates overlap (or, undated, they were published within six months of
-- each other) and their values are within 10%. The claim's primary statement is the most precise one
-- (exact before qualified, unrounded before rounded), then committee evidence, then the earliest.
-- Each statement's qualifier becomes an interval, and it is labelled against the primary value:
-- consistent (the interval holds it), rounded (a rounding of it) or conflicting.
WITH s AS (
    SELECT
        f.figure_id, f.doc_id, f.value, f.unit, f.measure, f.qualifier, f.item, f.platforms,
        f.period_start, f.period_end, f.as_of, f.sentence,
        d.url, d.title, d.kind, d.published_date,
        coalesce(f.actor, CASE WHEN json_extract(d.metadata, '$.publisher_is_actor')::BOOLEAN
                               THEN d.publisher END)                AS actor_name,
        -- the counted noun, singular: 'social media pages advertising crossings' and 'pages' meet
        regexp_replace(coalesce(
            nullif(regexp_extract(lower(coalesce(f.item, '')),
                   '\b(page|post|account|group|channel|url|video|advert|advertisement|message|content|referral|'
                   || 'request|server|profile|listing|takedown)s?\b', 1), ''),
            lower(regexp_extract(coalesce(f.item, ''), '([A-Za-z]+)\s*$', 1))), 's$', '') AS noun,
        coalesce(f.period_start, f.as_of)                                   AS t_start,
        coalesce(f.as_of, f.period_end)                                     AS t_end,
        CASE WHEN f.value = floor(f.value) AND f.value > 0 THEN
            length(CAST(f.value::BIGINT AS VARCHAR)) - length(rtrim(CAST(f.value::BIGINT AS VARCHAR), '0'))
        ELSE 0 END                                                          AS zeros,
        d.kind IN ('written_evidence', 'oral_evidence', 'report', 'government_response') AS committee
    FROM referral_figures f
    JOIN documents d ON d.doc_id = f.doc_id
),
keyed AS (
    SELECT *,
        CASE WHEN regexp_full_match(actor_name, '[A-Z][a-z]+( (of|for|and|the|[A-Z][a-z]+))+')
             THEN array_to_string(regexp_extract_all(actor_name, '\b([A-Z])[a-z]+', 1), '')
             ELSE actor_name END                                            AS actor_key,
        -- lower is better: the order in which statements compete to be a claim's primary
        row_number() OVER (ORDER BY qualifier <> 'exact', zeros, NOT committee, published_date NULLS LAST,
                                    doc_id, figure_id)                      AS primacy
    FROM s
),
pairs AS (
    SELECT a.figure_id AS statement_id, b.figure_id AS candidate_id, b.primacy
    FROM keyed a
    JOIN keyed b
      ON a.measure = b.measure AND a.unit = b.unit
     AND list_sort(a.platforms) = list_sort(b.platforms)
     AND b.value BETWEEN a.value * 0.9 AND a.value * 1.1
     AND (a.actor_key IS NULL OR b.actor_key IS NULL OR a.actor_key = b.actor_key)
     AND (a.noun = '' OR b.noun = '' OR a.noun = b.noun)
     AND CASE
            WHEN a.t_start IS NOT NULL AND b.t_start IS NOT NULL
                THEN a.t_start <= coalesce(b.t_end, b.t_start) AND b.t_start <= coalesce(a.t_end, a.t_start)
            WHEN a.figure_id = b.figure_id THEN true
            ELSE abs(date_diff('day', a.published_date, b.published_date)) <= 183
         END
),
best AS (  -- each statement's best candidate primary, then that candidate's own best: the claim
    SELECT statement_id, arg_min(candidate_id, primacy) AS best_id FROM pairs GROUP BY statement_id
),
claim_of AS (
    SELECT b1.statement_id, b2.best_id AS claim_id
    FROM best b1 JOIN best b2 ON b2.statement_id = b1.best_id
),
stated AS (
    SELECT k.*, c.claim_id, p.value AS primary_value, p.qualifier AS primary_qualifier,
        -- half a rounding unit, at least 5%: how far a round or approximate value may be from the truth
        greatest(power(10, k.zeros) / 2, k.value * 0.05)                    AS band,
        greatest(power(10, p.zeros) / 2, p.value * 0.05)                    AS primary_band,
        -- a primary is a point when it is exact and not a round number (1,218); otherwise an interval
        p.qualifier = 'exact' AND p.zeros < 2                               AS primary_is_point
    FROM keyed k
    JOIN claim_of c ON c.statement_id = k.figure_id
    JOIN keyed p ON p.figure_id = c.claim_id
),
intervals AS (
    SELECT *,
        -- each statement's qualifier as an interval: exact a point, 'over' above its value,
        -- 'nearly' just below it, 'around' a rounding band either side
        CASE qualifier WHEN 'exact' THEN value WHEN 'at_least' THEN value ELSE value - band END AS interval_low,
        CASE qualifier WHEN 'exact' THEN value WHEN 'at_least' THEN NULL WHEN 'at_most' THEN value
                       ELSE value + band END                               AS interval_high,
        -- the primary's own interval, when it is not a point
        CASE WHEN primary_is_point THEN primary_value
             WHEN primary_qualifier = 'at_least' THEN primary_value
             ELSE primary_value - primary_band END                         AS p_low,
        CASE WHEN primary_is_point THEN primary_value
             WHEN primary_qualifier = 'at_least' THEN NULL
             WHEN primary_qualifier = 'at_most' THEN primary_value
             ELSE primary_value + primary_band END                         AS p_high
    FROM stated
),
labelled AS (
    SELECT *,
        CASE
            WHEN figure_id = claim_id OR (value = primary_value AND qualifier = primary_qualifier) THEN 'consistent'
            -- against a precise primary: does the statement's interval hold it?
            WHEN primary_is_point AND qualifier IN ('at_least', 'at_most')
                 AND (primary_value > interval_low OR (qualifier <> 'at_least' AND primary_value = interval_low))
                 AND (interval_high IS NULL OR primary_value < interval_high
                      OR (qualifier <> 'at_most' AND primary_value = interval_high)) THEN 'consistent'
            WHEN primary_is_point AND qualifier = 'approximate'
                 AND primary_value BETWEEN interval_low AND interval_high THEN 'rounded'
            WHEN primary_is_point AND qualifier = 'exact' AND zeros > 0
                 AND round(primary_value, (-zeros)::INTEGER) = value THEN 'rounded'
            -- against a round or qualified primary: do the two intervals meet?
            WHEN NOT primary_is_point
                 AND (interval_high IS NULL OR p_low IS NULL OR p_low <= interval_high)
                 AND (p_high IS NULL OR interval_low <= p_high) THEN 'rounded'
            ELSE 'conflicting'
        END AS label
    FROM intervals
)
SELECT
    claim_id,
    primary_value,
    measure,
    unit,
    max(actor_key) OVER w                                                  AS actor,
    max(item) FILTER (WHERE figure_id = claim_id) OVER w                   AS item,
    min(published_date) OVER w                                             AS first_stated,
    arg_min(url, published_date) OVER w                                    AS first_stated_url,
    count(DISTINCT doc_id) OVER w                                          AS documents,
    count(*) OVER w                                                        AS statements,
    count(*) FILTER (WHERE label = 'conflicting') OVER w                   AS conflicting_statements,
    figure_id,
    figure_id = claim_id                                                   AS is_primary,
    value,
    qualifier,
    interval_low,
    interval_high,
    label,
    url                                                                    AS document_url,
    title                                                                  AS document_title,
    kind                                                                   AS document_kind,
    published_date,
    sentence
FROM labelled
WINDOW w AS (PARTITION BY claim_id)
ORDER BY documents DESC, claim_id, is_primary DESC, published_date, figure_id
-- comments
COMMENT ON TABLE figure_claims IS 'One row per statement of a figure, grouped into claims: the same quantity stated in several documents, each statement labelled against the claim''s primary value.';
COMMENT ON COLUMN figure_claims.claim_id IS 'The claim: the figure_id of its primary statement.';
COMMENT ON COLUMN figure_claims.primary_value IS 'The value of the primary statement (the most precise, then committee evidence, then the earliest).';
COMMENT ON COLUMN figure_claims.measure IS 'referred, removed, not_removed or pending.';
COMMENT ON COLUMN figure_claims.unit IS 'count or percent.';
COMMENT ON COLUMN figure_claims.actor IS 'Who made the referrals, as initials for multi-word names, when any statement says.';
COMMENT ON COLUMN figure_claims.item IS 'What is counted, as the primary statement says.';
COMMENT ON COLUMN figure_claims.first_stated IS 'Earliest publication date among the claim''s statements.';
COMMENT ON COLUMN figure_claims.first_stated_url IS 'The document that stated it first.';
COMMENT ON COLUMN figure_claims.documents IS 'How many documents state the claim.';
COMMENT ON COLUMN figure_claims.statements IS 'How many statements the claim has (a document may repeat it).';
COMMENT ON COLUMN figure_claims.conflicting_statements IS 'How many of them conflict with the primary value.';
COMMENT ON COLUMN figure_claims.figure_id IS 'This statement (referral_figures.figure_id).';
COMMENT ON COLUMN figure_claims.is_primary IS 'Whether this statement is the claim''s primary.';
COMMENT ON COLUMN figure_claims.value IS 'The value this statement gives.';
COMMENT ON COLUMN figure_claims.qualifier IS 'exact, at_least, at_most or approximate.';
COMMENT ON COLUMN figure_claims.interval_low IS 'Lower end of the values the statement allows (exclusive for at_least); null when unbounded.';
COMMENT ON COLUMN figure_claims.interval_high IS 'Upper end of the values the statement allows (exclusive for at_most); null when unbounded.';
COMMENT ON COLUMN figure_claims.label IS 'consistent (its interval holds the primary value, or it says the same), rounded (a rounding of it, or intervals that meet when the primary is itself round or qualified) or conflicting.';
COMMENT ON COLUMN figure_claims.document_url IS 'Public address of the statement''s document.';
COMMENT ON COLUMN figure_claims.document_title IS 'Title of that document.';
COMMENT ON COLUMN figure_claims.document_kind IS 'Kind of that document.';
COMMENT ON COLUMN figure_claims.published_date IS 'Publication date of that document.';
COMMENT ON COLUMN figure_claims.sentence IS 'The sentence making the statement.';
