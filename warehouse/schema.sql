-- newsware warehouse: base tables (written only by the loader) and the analyst-facing contract views.
-- Every fact row carries run_id (the etl_runs row that wrote it) and offsets into documents.text.

CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY, sha256 VARCHAR NOT NULL, source_path VARCHAR NOT NULL, source VARCHAR NOT NULL,
    publication VARCHAR, city VARCHAR, issue_date DATE, issue_date_inferred BOOLEAN NOT NULL, encoding VARCHAR NOT NULL,
    text VARCHAR NOT NULL, run_id VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL, extractor_version VARCHAR);
-- warehouses built before extractor_version existed: their documents count as made by an older extractor
ALTER TABLE documents ADD COLUMN IF NOT EXISTS extractor_version VARCHAR;

CREATE TABLE IF NOT EXISTS articles (
    doc_id VARCHAR NOT NULL, article_id VARCHAR PRIMARY KEY, seq INTEGER NOT NULL, headline VARCHAR, byline VARCHAR,
    text VARCHAR NOT NULL, char_start INTEGER NOT NULL, char_end INTEGER NOT NULL, run_id VARCHAR NOT NULL);

CREATE TABLE IF NOT EXISTS indicator_facts (
    indicator_id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL,
    subject VARCHAR NOT NULL, subject_type VARCHAR NOT NULL, subject_entity_key VARCHAR,
    metric VARCHAR, metric_key VARCHAR, measure VARCHAR NOT NULL, value DOUBLE NOT NULL, unit VARCHAR,
    value_norm DOUBLE NOT NULL, unit_norm VARCHAR NOT NULL, qualifier VARCHAR NOT NULL, period_label VARCHAR,
    period_start DATE, period_end DATE, is_forecast BOOLEAN NOT NULL, evidence VARCHAR NOT NULL,
    char_start INTEGER NOT NULL, char_end INTEGER NOT NULL, run_id VARCHAR NOT NULL);

-- companies as found in one document; enterprise_links ties them to warehouse-wide enterprises
CREATE TABLE IF NOT EXISTS doc_enterprises (
    doc_id VARCHAR NOT NULL, entity_key VARCHAR NOT NULL, name VARCHAR NOT NULL, short_name VARCHAR, region VARCHAR,
    industry VARCHAR, org_form VARCHAR, aliases VARCHAR[] NOT NULL, run_id VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, entity_key));

CREATE TABLE IF NOT EXISTS doc_enterprise_mentions (
    doc_id VARCHAR NOT NULL, entity_key VARCHAR NOT NULL, article_id VARCHAR NOT NULL, mention VARCHAR NOT NULL,
    char_start INTEGER NOT NULL, char_end INTEGER NOT NULL, run_id VARCHAR NOT NULL);

CREATE TABLE IF NOT EXISTS enterprise_links (
    doc_id VARCHAR NOT NULL, entity_key VARCHAR NOT NULL, enterprise_id VARCHAR NOT NULL, canonical_name VARCHAR NOT NULL,
    link_rule VARCHAR NOT NULL, PRIMARY KEY (doc_id, entity_key));

-- government bodies, universities, communities, parks, events…: named, but never enterprises
CREATE TABLE IF NOT EXISTS organizations (
    doc_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, name VARCHAR NOT NULL, org_type VARCHAR NOT NULL,
    mention VARCHAR NOT NULL, char_start INTEGER NOT NULL, char_end INTEGER NOT NULL, run_id VARCHAR NOT NULL);

CREATE TABLE IF NOT EXISTS event_facts (
    event_id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, date_start DATE, date_end DATE,
    date_text VARCHAR NOT NULL, date_precision VARCHAR NOT NULL, event_type VARCHAR NOT NULL, participants VARCHAR[] NOT NULL,
    participant_entity_keys VARCHAR[] NOT NULL, location VARCHAR, evidence VARCHAR NOT NULL,
    char_start INTEGER NOT NULL, char_end INTEGER NOT NULL, run_id VARCHAR NOT NULL);

CREATE TABLE IF NOT EXISTS event_mentions (
    event_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, evidence VARCHAR NOT NULL,
    char_start INTEGER NOT NULL, char_end INTEGER NOT NULL, run_id VARCHAR NOT NULL);

-- rows that failed their table's schema: kept, never silently dropped
CREATE TABLE IF NOT EXISTS quarantine (
    run_id VARCHAR NOT NULL, table_name VARCHAR NOT NULL, rule VARCHAR NOT NULL, row_json VARCHAR NOT NULL,
    source_path VARCHAR NOT NULL, quarantined_at TIMESTAMP NOT NULL);

-- what happened to every raw file a run saw: loaded, skipped (unchanged) or rejected (with the stage and reason)
CREATE TABLE IF NOT EXISTS file_status (
    run_id VARCHAR NOT NULL, source_path VARCHAR NOT NULL, sha256 VARCHAR, status VARCHAR NOT NULL, stage VARCHAR,
    reason VARCHAR, warnings VARCHAR, recorded_at TIMESTAMP NOT NULL);

CREATE TABLE IF NOT EXISTS etl_runs (
    run_id VARCHAR PRIMARY KEY, flow_run_id VARCHAR, command VARCHAR NOT NULL, parameters VARCHAR NOT NULL,
    started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP, status VARCHAR NOT NULL, files_seen INTEGER,
    files_loaded INTEGER, files_skipped INTEGER, files_rejected INTEGER, row_counts VARCHAR, rows_quarantined INTEGER,
    code_version VARCHAR NOT NULL);

-- ---------------------------------------------------------------- contract views (../shared/eval/CONTRACT.md)

CREATE OR REPLACE VIEW enterprises AS
SELECT l.enterprise_id,
       any_value(l.canonical_name) AS name,
       min(e.short_name) AS short_name, min(e.region) AS region, min(e.industry) AS industry, min(e.org_form) AS org_form,
       count(DISTINCT e.doc_id) AS documents
FROM enterprise_links l JOIN doc_enterprises e USING (doc_id, entity_key)
GROUP BY l.enterprise_id;

CREATE OR REPLACE VIEW enterprise_mentions AS
SELECT l.enterprise_id, m.doc_id, m.article_id, m.mention, m.char_start, m.char_end, m.entity_key
FROM doc_enterprise_mentions m JOIN enterprise_links l USING (doc_id, entity_key);

-- how every surface form was linked to its enterprise
CREATE OR REPLACE VIEW enterprise_aliases AS
SELECT DISTINCT l.enterprise_id, l.canonical_name, unnest(e.aliases) AS alias, l.link_rule
FROM enterprise_links l JOIN doc_enterprises e USING (doc_id, entity_key);

CREATE OR REPLACE VIEW indicators AS
SELECT f.indicator_id, f.doc_id, f.article_id,
       coalesce(l.canonical_name, f.subject) AS subject, f.subject_type, l.enterprise_id,
       f.metric, f.metric_key, f.measure, f.value, f.unit, f.value_norm, f.unit_norm, f.qualifier,
       f.period_label, f.period_start, f.period_end, f.is_forecast, f.evidence, f.char_start, f.char_end, f.run_id
FROM indicator_facts f
LEFT JOIN enterprise_links l ON l.doc_id = f.doc_id AND l.entity_key = f.subject_entity_key;

CREATE OR REPLACE VIEW events AS
SELECT event_id, doc_id, article_id, date_start, date_end, date_text, date_precision, event_type, participants,
       location, evidence, char_start, char_end, run_id
FROM event_facts;
