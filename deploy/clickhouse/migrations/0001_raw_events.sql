-- Every canonical event exactly as accepted, one row per event_id.
-- A redelivered event lands in the same partition (occurred_at is part of the event) with the
-- same sorting key, so ReplacingMergeTree folds the copies; queries read with FINAL or count
-- distinct event_ids so that a not-yet-merged copy is never counted twice.
CREATE TABLE IF NOT EXISTS raw_events_v1
(
    event_id String,
    tenant LowCardinality(String),
    type LowCardinality(String),
    source_system LowCardinality(String),
    source_vendor LowCardinality(String),
    entity_key String,
    occurred_at DateTime('UTC'),
    occurred_at_ms UInt16,
    payload String,
    ingested_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (tenant, event_id);
