-- The change log of the settings people make through the gateway: every create, change and
-- delete of an alert rule, silence, mute, acknowledgement and norm, with who made it (the token
-- subject, never a name), the value before and after (JSON; '' when there was none, as for a
-- create, or is none, as for a delete), and when.
--
-- The gateway also reads the rules, silences and mutes in force from here (the latest `after`
-- per id), since their truth, the compacted topic alerting.config.v1, cannot be queried.
-- change_id is unique per change and orders the changes of one millisecond (nextChangeId); a
-- change recorded twice is folded by ReplacingMergeTree, and the statements in
-- services/gateway/src/settings/changes.ts read it once either way.
CREATE TABLE IF NOT EXISTS settings_changes_v1
(
    tenant LowCardinality(String),
    kind LowCardinality(String),
    id String,
    change_id String,
    action LowCardinality(String),
    changed_by String,
    before String,
    after String,
    at DateTime('UTC'),
    at_ms UInt16
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(at)
ORDER BY (tenant, kind, id, change_id);
