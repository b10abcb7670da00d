-- Indicator time series: how has a metric of a subject moved over time, period by period?
-- One row per extracted value, oldest period first, with the page it was read from (doc_id, indicator_id).
-- @param subject: canonical subject, e.g. 大庆市 or an enterprise's name (default: every subject)
-- @param metric_key: normalised metric, e.g. gdp, retail_sales, investment (default: every metric)
-- @param measure: level, yoy_growth, mom_growth, share or growth_change_pp (default: every measure)
-- @param include_forecast = false: true to include plans, targets and predictions
SELECT i.subject, i.subject_type, i.metric_key, i.metric, i.measure,
       i.period_label, i.period_start, i.period_end,
       i.value, i.unit, i.value_norm, i.unit_norm, i.qualifier, i.is_forecast,
       d.issue_date, d.publication, i.doc_id, i.indicator_id
FROM indicators i
JOIN documents d USING (doc_id)
WHERE ($subject IS NULL OR i.subject = $subject)
  AND ($metric_key IS NULL OR i.metric_key = $metric_key)
  AND ($measure IS NULL OR i.measure = $measure)
  AND (CAST($include_forecast AS BOOLEAN) OR NOT i.is_forecast)
ORDER BY i.subject, i.metric_key NULLS LAST, i.metric, i.measure, i.period_end NULLS LAST, d.issue_date, i.indicator_id;
