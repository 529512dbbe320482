-- Per platform, month of publication and kind of document: how often it is named and in how many documents.
SELECT
    m.platform,
    date_trunc('month', d.published_date)::DATE AS month,
    d.kind                                       AS document_kind,
    count(*)                                     AS mentions,
    count(DISTINCT m.doc_id)                     AS documents
FROM platform_mentions m
JOIN documents d ON d.doc_id = m.doc_id
WHERE d.published_date IS NOT NULL
GROUP BY ALL
ORDER BY month, m.platform, document_kind
-- comments
COMMENT ON TABLE platform_mentions_monthly IS 'Platform mentions per platform, month of publication and kind of document (documents without a publication date are left out).';
COMMENT ON COLUMN platform_mentions_monthly.platform IS 'Canonical platform name.';
COMMENT ON COLUMN platform_mentions_monthly.month IS 'First day of the month the documents were published in.';
COMMENT ON COLUMN platform_mentions_monthly.document_kind IS 'Kind of document (written_evidence, oral_evidence, press_release, news, ...).';
COMMENT ON COLUMN platform_mentions_monthly.mentions IS 'Occurrences of the name in those documents.';
COMMENT ON COLUMN platform_mentions_monthly.documents IS 'Documents naming it.';
