-- Daily rollups recomputed from deduplicated facts (FINAL) for every day the aggregator touched,
-- in replacing tables keyed by the group (see 0003 for why not materialized views). Days are
-- Europe/Amsterdam calendar days; absent dimensions are '' so they can be part of the key.
-- Percentiles are quantileExact, as in 0003. Norm shares are not stored: norms are data.

-- Closed cases by the day they were closed (end date).
CREATE TABLE IF NOT EXISTS cases_per_day_v1
(
    tenant LowCardinality(String),
    day Date,
    case_type_id LowCardinality(String),
    team_id LowCardinality(String),
    closed UInt32,
    closed_within_norm UInt32,
    lead_time_days_sum UInt64,
    lead_time_days_p50 Float64,
    lead_time_days_p90 Float64,
    suspended_days_sum UInt64,
    extended UInt32,
    computed_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(day)
ORDER BY (tenant, day, case_type_id, team_id);

-- Each measure counts on its own day: received by the day of receipt, acknowledged by the day
-- of acknowledgement, answered by the day of the answer (with the working days it took).
CREATE TABLE IF NOT EXISTS written_per_day_v1
(
    tenant LowCardinality(String),
    day Date,
    channel Enum8('email' = 1, 'post' = 2, 'web_form' = 3, 'chat' = 4),
    team_id LowCardinality(String),
    received UInt32,
    acknowledged UInt32,
    acknowledge_working_days_sum UInt64,
    answered UInt32,
    answer_working_days_sum UInt64,
    computed_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(day)
ORDER BY (tenant, day, channel, team_id);

-- score_normalised_sum: sum of (score - min) / (max - min), so scales 1-5 and 1-10 can be averaged.
CREATE TABLE IF NOT EXISTS survey_per_day_v1
(
    tenant LowCardinality(String),
    day Date,
    channel Enum8('counter' = 1, 'phone' = 2, 'email' = 3, 'post' = 4, 'web_form' = 5, 'chat' = 6, 'video' = 7),
    product_id LowCardinality(String),
    location_id LowCardinality(String),
    team_id LowCardinality(String),
    responses UInt32,
    satisfied UInt32,
    dissatisfied UInt32,
    score_normalised_sum Float64,
    computed_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(day)
ORDER BY (tenant, day, channel, product_id, location_id, team_id);

-- The measures of calls_per_hour_v1 (0004) per Amsterdam day of the offer.
CREATE TABLE IF NOT EXISTS calls_per_day_v1
(
    tenant LowCardinality(String),
    day Date,
    queue_id LowCardinality(String),
    offered UInt32,
    queued UInt32,
    answered UInt32,
    abandoned_in_queue UInt32,
    abandoned_short UInt32,
    abandoned_in_menu UInt32,
    blocked UInt32,
    transferred_out UInt32,
    answer_wait_sum Float64,
    answer_wait_p50 Float64,
    answer_wait_p90 Float64,
    handling_sum Float64,
    handling_p90 Float64,
    short_abandon_seconds Float64,
    computed_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(day)
ORDER BY (tenant, day, queue_id);

-- A visit counts once for every product it handled (so products do not add up to visits); a
-- visit without products counts under ''.
CREATE TABLE IF NOT EXISTS visits_by_product_per_day_v1
(
    tenant LowCardinality(String),
    day Date,
    location_id LowCardinality(String),
    product_id LowCardinality(String),
    visits UInt32,
    served UInt32,
    wait_count UInt32,
    wait_sum Float64,
    computed_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(day)
ORDER BY (tenant, day, location_id, product_id);
