-- Call rollups, recomputed from deduplicated call facts like the visit rollups (see 0003).
-- Offered to the queue = calls that entered a queue; short abandons (under the threshold the
-- aggregator was configured with when it computed the row) are counted apart, so that both
-- service-level denominators can be formed. Waits are from entering the queue to the answer.
CREATE TABLE IF NOT EXISTS calls_per_hour_v1
(
    tenant LowCardinality(String),
    hour DateTime('UTC'),
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
PARTITION BY toYYYYMM(hour)
ORDER BY (tenant, hour, queue_id);
