-- Coverage of the archive: how many pages does each source hold for each issue day, and how far apart are its issues?
-- One row per (source, issue date): pages, characters, facts extracted, and the days since that source's previous
-- issue (a gap when > 1 for a daily). Pages without an issue date come last (issue_date NULL).
-- @param source: a source folder, e.g. changjiang-daily (default: every source)
-- @param date_from: first issue day to include, YYYY-MM-DD (default: no lower bound)
-- @param date_to: last issue day to include, YYYY-MM-DD (default: no upper bound)
WITH per_doc AS (
    SELECT d.doc_id, d.source, d.publication, d.issue_date, d.issue_date_inferred, length(d.text) AS characters,
           (SELECT count(*) FROM indicators i WHERE i.doc_id = d.doc_id) AS indicators,
           (SELECT count(*) FROM enterprise_mentions m WHERE m.doc_id = d.doc_id) AS enterprise_mentions,
           (SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id) AS events
    FROM documents d
    WHERE ($source IS NULL OR d.source = $source)
      AND ($date_from IS NULL OR d.issue_date >= CAST($date_from AS DATE))
      AND ($date_to IS NULL OR d.issue_date <= CAST($date_to AS DATE))
), days AS (
    SELECT source, any_value(publication) AS publication, issue_date, count(*) AS pages,
           sum(characters) AS characters, sum(indicators) AS indicators,
           sum(enterprise_mentions) AS enterprise_mentions, sum(events) AS events,
           count(*) FILTER (WHERE issue_date_inferred) AS dates_inferred, list(doc_id ORDER BY doc_id) AS doc_ids
    FROM per_doc GROUP BY source, issue_date
)
SELECT source, publication, issue_date, pages, characters, indicators, enterprise_mentions, events,
       issue_date - lag(issue_date) OVER (PARTITION BY source, issue_date IS NULL ORDER BY issue_date)
           AS days_since_previous,
       dates_inferred, doc_ids
FROM days
ORDER BY source, issue_date NULLS LAST;
