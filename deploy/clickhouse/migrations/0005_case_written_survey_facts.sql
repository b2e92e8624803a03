-- Facts of cases, written contacts and survey responses (see 0002 for the pattern). Cases and
-- written contacts get a row on every change while open, so that the table always holds each
-- entity's current state; their version is the number of events applied to the entity, which
-- only grows, so the most complete state wins in whatever order rows are inserted. The
-- partition key is a time the entity never changes (start date, receipt, response).
CREATE TABLE IF NOT EXISTS case_facts_v1
(
    tenant LowCardinality(String),
    case_id String,
    case_type_id LowCardinality(String),
    team_id Nullable(String),
    start_date Date,
    end_date Nullable(Date),
    norm_target Float64,
    norm_unit Enum8('seconds' = 1, 'minutes' = 2, 'hours' = 3, 'calendar_days' = 4, 'working_days' = 5),
    due_date Date,
    legal_due_date Date,
    suspended UInt8,
    suspended_since Nullable(Date),
    suspended_days UInt32,
    extension_working_days UInt32,
    status Enum8('open' = 1, 'closed' = 2),
    lead_time_days Nullable(Int32),
    within_norm Nullable(UInt8),
    last_status Nullable(String),
    result Nullable(String),
    version UInt32
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(start_date)
ORDER BY (tenant, case_id);

-- Working days count from the day after receipt (same day = 0), so any norm in working days
-- can be applied at query time.
CREATE TABLE IF NOT EXISTS written_facts_v1
(
    tenant LowCardinality(String),
    contact_id String,
    channel Enum8('email' = 1, 'post' = 2, 'web_form' = 3, 'chat' = 4),
    team_id Nullable(String),
    category Nullable(String),
    received_at DateTime('UTC'),
    acknowledged_at Nullable(DateTime('UTC')),
    answered_at Nullable(DateTime('UTC')),
    acknowledge_working_days Nullable(Int32),
    answer_working_days Nullable(Int32),
    status Enum8('open' = 1, 'answered' = 2),
    version UInt32
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(received_at)
ORDER BY (tenant, contact_id);

-- Satisfied = (score - min) / (max - min) >= 0.75, dissatisfied = < 0.25, on any scale.
CREATE TABLE IF NOT EXISTS survey_facts_v1
(
    tenant LowCardinality(String),
    response_id String,
    occurred_at DateTime('UTC'),
    channel Enum8('counter' = 1, 'phone' = 2, 'email' = 3, 'post' = 4, 'web_form' = 5, 'chat' = 6, 'video' = 7),
    product_id Nullable(String),
    location_id Nullable(String),
    team_id Nullable(String),
    score Float64,
    scale_min Float64,
    scale_max Float64,
    satisfied UInt8,
    dissatisfied UInt8,
    version DateTime('UTC')
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (tenant, response_id);

-- Free-text answers are content (privacy): kept apart from the facts, never rolled up, and
-- partitioned by month so that their own retention drops whole partitions (no TTL on 18.16).
CREATE TABLE IF NOT EXISTS survey_comments_v1
(
    tenant LowCardinality(String),
    response_id String,
    occurred_at DateTime('UTC'),
    channel Enum8('counter' = 1, 'phone' = 2, 'email' = 3, 'post' = 4, 'web_form' = 5, 'chat' = 6, 'video' = 7),
    product_id Nullable(String),
    location_id Nullable(String),
    team_id Nullable(String),
    comment String,
    version DateTime('UTC')
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (tenant, response_id);
