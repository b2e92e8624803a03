-- Rollups for history, recomputed from the deduplicated facts (FINAL) for every hour the
-- aggregator touched, and stored in replacing tables keyed by the group: a recomputation
-- replaces the group's row, so redelivered events can never inflate a rollup. (A materialized
-- view would see every insert, duplicates included.) Hours are UTC hours, which are also local
-- hours in the Netherlands; days are Europe/Amsterdam calendar days. Percentiles are
-- quantileExact: the value at 0-based index floor(p·n) of the sorted values, the method the live
-- KPIs use too. Norm shares ("% within norm") are not stored here, since norms are data that
-- change; they are computed from the facts.
CREATE TABLE IF NOT EXISTS visits_per_hour_v1
(
    tenant LowCardinality(String),
    hour DateTime('UTC'),
    location_id LowCardinality(String),
    queue_id LowCardinality(String),
    kind Enum8('walk_in' = 1, 'appointment' = 2),
    visits UInt32,
    served UInt32,
    no_shows UInt32,
    left_or_removed UInt32,
    wait_count UInt32,
    wait_sum Float64,
    wait_p50 Float64,
    wait_p90 Float64,
    service_count UInt32,
    service_sum Float64,
    service_p90 Float64,
    computed_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(hour)
ORDER BY (tenant, hour, location_id, queue_id, kind);

CREATE TABLE IF NOT EXISTS visits_per_day_v1
(
    tenant LowCardinality(String),
    day Date,
    location_id LowCardinality(String),
    queue_id LowCardinality(String),
    kind Enum8('walk_in' = 1, 'appointment' = 2),
    visits UInt32,
    served UInt32,
    no_shows UInt32,
    left_or_removed UInt32,
    wait_count UInt32,
    wait_sum Float64,
    wait_p50 Float64,
    wait_p90 Float64,
    service_count UInt32,
    service_sum Float64,
    service_p90 Float64,
    computed_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(day)
ORDER BY (tenant, day, location_id, queue_id, kind);
