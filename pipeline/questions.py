"""Questions an analyst asks of the warehouse, with the SQL that answers each: rendered with their
answers on the demo data into docs/warehouse.md by `python -m pipeline.dictionary --answers FILE`,
and run against the demo warehouse by the tests so the SQL in the docs keeps working."""

QUESTIONS: tuple[tuple[str, str], ...] = (
    ("Which platforms are named most often in committee evidence since 2020?", """
SELECT m.platform, count(*) AS mentions, count(DISTINCT m.doc_id) AS documents
FROM platform_mentions m JOIN documents d USING (doc_id)
WHERE d.kind IN ('written_evidence', 'oral_evidence', 'report', 'government_response')
  AND d.published_date >= DATE '2020-01-01'
GROUP BY m.platform ORDER BY mentions DESC, m.platform LIMIT 8"""),
    ("What share of the NCA's referrals were removed, per year?", """
SELECT year(coalesce(as_of, period_end, published_date)) AS year, round(100 * removal_rate, 1) AS removed_pct,
       'computed from ' || referred::BIGINT || ' referred' AS basis, document_title
FROM referral_outcomes
WHERE actor IN ('NCA', 'National Crime Agency') AND removal_rate IS NOT NULL
UNION ALL
SELECT year(figure_date), value, 'stated (' || qualifier || ')', document_title
FROM figure_timeline
WHERE actor_key = 'NCA' AND measure = 'removed' AND unit = 'percent'
ORDER BY year"""),
    ("How many takedowns has the NCA reported over time?", """
SELECT figure_date, date_basis, value, qualifier, item, document_title
FROM figure_timeline
WHERE actor_key = 'NCA' AND measure = 'removed' AND unit = 'count'
ORDER BY figure_date, value"""),
    ("Which press statements round a figure up or down, or contradict it?", """
SELECT primary_value, value, qualifier, label, document_kind, published_date, document_title
FROM figure_claims
WHERE document_kind IN ('press_release', 'news', 'news_story') AND label <> 'consistent'
   OR (document_kind IN ('press_release', 'news', 'news_story') AND qualifier <> 'exact' AND value <> primary_value)
ORDER BY claim_id, published_date"""),
    ("Which figures are repeated across the most documents, and where were they first stated?", """
SELECT DISTINCT claim_id, primary_value, measure, item, documents, statements, conflicting_statements,
       first_stated, first_stated_url
FROM figure_claims WHERE documents > 1
ORDER BY documents DESC, primary_value DESC"""),
    ("Which referral totals do not add up to their stated outcomes?", """
SELECT referred, removed, not_removed, pending, parts_add_up, document_title
FROM referral_outcomes WHERE parts_add_up IN ('under', 'over')
ORDER BY published_date"""),
    ("Which figures are specific to one platform?", """
SELECT platforms[1] AS platform, value, unit, measure, item, d.title AS document_title
FROM referral_figures f JOIN documents d USING (doc_id)
WHERE len(platforms) = 1
ORDER BY platform, value DESC"""),
    ("When was each platform first and last named, and by how many sources?", """
SELECT platform, mentions, documents, sources, first_seen, last_seen
FROM platform_summary ORDER BY first_seen, platform"""),
    ("What did each source contribute, and what failed?", """
SELECT d.source, count(DISTINCT d.doc_id) AS documents,
       count(DISTINCT d.doc_id) FILTER (WHERE d.parse_status <> 'ok') AS unparsed,
       (SELECT count(*) FROM referral_figures f WHERE f.doc_id IN
            (SELECT doc_id FROM documents x WHERE x.source = d.source)) AS figures,
       (SELECT count(*) FROM ingest_errors e WHERE e.source = d.source) AS errors
FROM documents d GROUP BY d.source ORDER BY d.source"""),
    ("Which documents could not be loaded, and why?", """
SELECT source, stage, error, url, left(detail, 60) AS detail FROM ingest_errors ORDER BY source, url"""),
    ("Which figures did the latest run add?", """
SELECT value, unit, measure, qualifier, item, document_title
FROM new_figures ORDER BY published_date DESC, value DESC LIMIT 10"""),
)
