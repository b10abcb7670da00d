-- Latest value of each metric per region: what is the most recent reported figure for every metric of every region?
-- One row per (region, metric, measure, unit): the value with the latest period end (ties: the latest issue, then
-- the first on the page). Plans and targets are left out. Metrics without a metric_key are grouped by their name.
-- @param region: a region's canonical name, e.g. 武汉市 (default: every region)
-- @param metric_key: normalised metric, e.g. gdp (default: every metric)
WITH facts AS (
    SELECT i.*, d.issue_date, coalesce(i.metric_key, i.metric) AS metric_group
    FROM indicators i JOIN documents d USING (doc_id)
    WHERE i.subject_type = 'region' AND NOT i.is_forecast
      AND ($region IS NULL OR i.subject = $region)
      AND ($metric_key IS NULL OR i.metric_key = $metric_key)
)
SELECT subject AS region, metric_key, metric, measure, value, unit, value_norm, unit_norm, qualifier,
       period_label, period_start, period_end, issue_date, doc_id, indicator_id
FROM facts
QUALIFY row_number() OVER (PARTITION BY subject, metric_group, measure, unit_norm
                           ORDER BY period_end DESC NULLS LAST, issue_date DESC NULLS LAST, indicator_id) = 1
ORDER BY region, metric_key NULLS LAST, metric, measure;
