-- Per platform: how often and where it is named, and over what span of publication dates.
SELECT
    m.platform,
    count(*)                                                   AS mentions,
    count(DISTINCT m.doc_id)                                   AS documents,
    count(DISTINCT d.source)                                   AS sources,
    count(DISTINCT m.doc_id) FILTER (WHERE d.kind IN ('written_evidence', 'oral_evidence', 'report',
                                                      'government_response'))
                                                               AS committee_documents,
    min(d.published_date)                                      AS first_seen,
    max(d.published_date)                                      AS last_seen,
    arg_min(d.url, d.published_date)                           AS first_seen_url
FROM platform_mentions m
JOIN documents d ON d.doc_id = m.doc_id
GROUP BY m.platform
ORDER BY mentions DESC, m.platform
-- comments
COMMENT ON TABLE platform_summary IS 'Per platform: mentions, documents and sources naming it, and the first and last publication dates it was named on.';
COMMENT ON COLUMN platform_summary.platform IS 'Canonical platform name.';
COMMENT ON COLUMN platform_summary.mentions IS 'Occurrences of the name across all documents.';
COMMENT ON COLUMN platform_summary.documents IS 'Documents naming it at least once.';
COMMENT ON COLUMN platform_summary.sources IS 'Configured sources whose documents name it.';
COMMENT ON COLUMN platform_summary.committee_documents IS 'Committee publications (written and oral evidence, reports, government responses) naming it.';
COMMENT ON COLUMN platform_summary.first_seen IS 'Earliest publication date of a document naming it.';
COMMENT ON COLUMN platform_summary.last_seen IS 'Latest publication date of a document naming it.';
COMMENT ON COLUMN platform_summary.first_seen_url IS 'The earliest document naming it.';
