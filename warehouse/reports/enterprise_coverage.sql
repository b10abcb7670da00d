-- Enterprise coverage: which companies does the archive talk about, how often, since when, under which names, and
-- which figures and events are tied to them?
-- One row per enterprise, most mentioned first.
-- @param name: part of the canonical name, short name or an alias, e.g. 华工 (default: every enterprise)
-- @param min_mentions = 1: leave out enterprises mentioned fewer times than this
WITH mentions AS (
    SELECT m.enterprise_id, count(*) AS mentions, count(DISTINCT m.doc_id) AS documents,
           min(d.issue_date) AS first_seen, max(d.issue_date) AS last_seen,
           list(DISTINCT d.publication ORDER BY d.publication) FILTER (WHERE d.publication IS NOT NULL) AS publications
    FROM enterprise_mentions m JOIN documents d USING (doc_id)
    GROUP BY m.enterprise_id
), aliases AS (
    SELECT enterprise_id, list(DISTINCT alias ORDER BY alias) AS aliases
    FROM enterprise_aliases GROUP BY enterprise_id
), figures AS (
    SELECT enterprise_id, count(*) AS indicators,
           list(DISTINCT coalesce(metric_key, metric) ORDER BY coalesce(metric_key, metric))
               FILTER (WHERE coalesce(metric_key, metric) IS NOT NULL) AS metrics
    FROM indicators WHERE enterprise_id IS NOT NULL GROUP BY enterprise_id
), event_links AS (
    -- an event names its participants by document-local entity keys; enterprise_links makes them enterprises
    SELECT DISTINCT l.enterprise_id, e.event_id, e.event_type
    FROM (SELECT event_id, doc_id, event_type, unnest(participant_entity_keys) AS entity_key FROM event_facts) e
    JOIN enterprise_links l USING (doc_id, entity_key)
), linked_events AS (
    SELECT enterprise_id, count(*) AS events, list(DISTINCT event_type ORDER BY event_type) AS event_types
    FROM event_links GROUP BY enterprise_id
)
SELECT e.enterprise_id, e.name, e.short_name, e.region, e.industry,
       coalesce(m.mentions, 0) AS mentions, coalesce(m.documents, 0) AS documents, m.first_seen, m.last_seen,
       coalesce(a.aliases, []) AS aliases, coalesce(f.indicators, 0) AS indicators, coalesce(f.metrics, []) AS metrics,
       coalesce(le.events, 0) AS events, coalesce(le.event_types, []) AS event_types, m.publications
FROM enterprises e
LEFT JOIN mentions m USING (enterprise_id)
LEFT JOIN aliases a USING (enterprise_id)
LEFT JOIN figures f USING (enterprise_id)
LEFT JOIN linked_events le USING (enterprise_id)
WHERE coalesce(m.mentions, 0) >= CAST($min_mentions AS INTEGER)
  AND ($name IS NULL OR contains(e.name, $name) OR contains(coalesce(e.short_name, ''), $name)
       OR EXISTS (SELECT 1 FROM enterprise_aliases x WHERE x.enterprise_id = e.enterprise_id AND contains(x.alias, $name)))
ORDER BY mentions DESC, documents DESC, e.name;
