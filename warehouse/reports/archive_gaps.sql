-- Gaps in the archive: which stretches of days have no pages for a source, between its first and last issue?
-- One row per gap: the missing days and the issues on either side. A weekly shows a gap of 6 days every week: use
-- min_days to see only the holes that matter for it.
-- @param source: a source folder, e.g. changjiang-daily (default: every source)
-- @param min_days = 1: only gaps of at least this many missing days
WITH days AS (
    SELECT DISTINCT source, issue_date FROM documents
    WHERE issue_date IS NOT NULL AND ($source IS NULL OR source = $source)
), steps AS (
    SELECT source, lag(issue_date) OVER (PARTITION BY source ORDER BY issue_date) AS previous_issue,
           issue_date AS next_issue
    FROM days
)
SELECT source, previous_issue, next_issue,
       previous_issue + 1 AS missing_from, next_issue - 1 AS missing_to,
       next_issue - previous_issue - 1 AS missing_days
FROM steps
WHERE previous_issue IS NOT NULL AND next_issue - previous_issue - 1 >= CAST($min_days AS INTEGER)
ORDER BY source, previous_issue;
