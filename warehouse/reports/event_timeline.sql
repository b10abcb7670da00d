-- Event timeline: how many events of each type happened each month, and what are they?
-- One row per (month, event type), by the month the event starts in; undated events come last (month NULL).
-- @param date_from: first day to include, YYYY-MM-DD (default: no lower bound; undated events are then left out
--   when date_from or date_to is set)
-- @param date_to: last day to include, YYYY-MM-DD (default: no upper bound)
-- @param event_type: release, founding, meeting, contract, plan… (default: every type)
SELECT strftime(date_trunc('month', e.date_start), '%Y-%m') AS month, e.event_type,
       count(DISTINCT e.event_id) AS events, count(DISTINCT e.doc_id) AS documents,
       list(DISTINCT p ORDER BY p) FILTER (WHERE p IS NOT NULL) AS participants,
       min(e.evidence) AS example
FROM events e
LEFT JOIN LATERAL (SELECT unnest(e.participants) AS p) ON true
WHERE ($date_from IS NULL OR e.date_start >= CAST($date_from AS DATE))
  AND ($date_to IS NULL OR e.date_start <= CAST($date_to AS DATE))
  AND ($event_type IS NULL OR e.event_type = $event_type)
GROUP BY ALL
ORDER BY month NULLS LAST, events DESC, e.event_type;
