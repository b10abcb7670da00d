-- Data quality: what did each run load, skip, reject and quarantine, and by which rule?
-- One row per (run, outcome, stage or table, rule): files by status from file_status (loaded, skipped, rejected
-- with the stage and reason) and rows held back by the schema gate from quarantine (table and failed rule), with a
-- count and an example. Newest run first; within a run, problems before successes.
-- @param run_id: one run's id from etl_runs, or 'latest' (default: every run)
-- @param problems_only = false: true to list only rejected files and quarantined rows
WITH runs AS (
    SELECT run_id, command, started_at, status AS run_status, code_version FROM etl_runs
    WHERE $run_id IS NULL OR run_id = $run_id
       OR ($run_id = 'latest' AND run_id = (SELECT arg_max(run_id, started_at) FROM etl_runs))
), outcomes AS (
    SELECT run_id, 'file ' || status AS outcome, stage AS stage_or_table,
           coalesce(reason, CASE WHEN warnings IS NOT NULL THEN 'loaded with warnings' END) AS rule,
           count(*) AS count, min(source_path) AS example
    FROM file_status GROUP BY ALL
    UNION ALL
    SELECT run_id, 'row quarantined', table_name, rule, count(*), min(source_path || ': ' || row_json)
    FROM quarantine GROUP BY ALL
)
SELECT r.run_id, r.command, r.started_at, r.run_status, o.outcome, o.stage_or_table, o.rule, o.count, o.example
FROM runs r JOIN outcomes o USING (run_id)
WHERE NOT CAST($problems_only AS BOOLEAN) OR o.outcome IN ('file rejected', 'row quarantined')
ORDER BY r.started_at DESC, r.run_id, (o.outcome IN ('file rejected', 'row quarantined')) DESC, o.outcome,
         o.count DESC, o.rule NULLS FIRST;
