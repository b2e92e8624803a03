-- Facts: one row per finished entity, derived by the aggregator. Replacing tables keyed by
-- tenant and entity id: a redelivered or recomputed fact replaces the earlier row. The
-- partition key is a time the entity never changes (arrival, offer, start), so copies of one
-- entity always meet in one partition. Read with FINAL.
CREATE TABLE IF NOT EXISTS visit_facts_v1
(
    tenant LowCardinality(String),
    visit_id String,
    location_id LowCardinality(String),
    queue_id LowCardinality(String),
    desk_id Nullable(String),
    kind Enum8('walk_in' = 1, 'appointment' = 2),
    products Array(String),
    arrived_at DateTime('UTC'),
    appointment_start Nullable(DateTime('UTC')),
    called_at Nullable(DateTime('UTC')),
    finished_at DateTime('UTC'),
    outcome Enum8('served' = 1, 'no_show' = 2, 'left' = 3, 'removed' = 4),
    wait_seconds Nullable(Float64),
    service_seconds Nullable(Float64),
    transfers UInt16,
    recalls UInt16,
    version DateTime('UTC')
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(arrived_at)
ORDER BY (tenant, visit_id);

CREATE TABLE IF NOT EXISTS call_facts_v1
(
    tenant LowCardinality(String),
    call_id String,
    line Nullable(String),
    queue_id Nullable(String),
    caller_key Nullable(String),
    offered_at DateTime('UTC'),
    queued_at Nullable(DateTime('UTC')),
    answered_at Nullable(DateTime('UTC')),
    ended_at DateTime('UTC'),
    outcome Enum8('answered' = 1, 'abandoned_in_menu' = 2, 'abandoned_in_queue' = 3, 'blocked' = 4, 'transferred_out' = 5),
    wait_seconds Nullable(Float64),
    talk_seconds Float64,
    hold_seconds Float64,
    after_call_work_seconds Float64,
    handling_seconds Float64,
    transfers UInt16,
    resolved Nullable(UInt8),
    version DateTime('UTC')
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(offered_at)
ORDER BY (tenant, call_id);
