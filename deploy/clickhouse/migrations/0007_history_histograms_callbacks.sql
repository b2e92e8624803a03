-- History that answers "what share within the norm?" for any norm, and percentiles, per hour and
-- per day. Each table stores fixed-bucket histograms (`*_bounds`: ascending upper bounds,
-- inclusive; `*_histogram`: one count per bucket, one more than bounds, the last above the last
-- bound; see schemas/src/histogram.ts for the bounds and how a share or percentile is read back)
-- plus the within-norm count for the norm in force when the row was computed, with that norm.
-- A within-norm count is NULL when the norm in force is in another unit than the histogram (a
-- counter norm in days); the histogram still answers any norm. New tables rather than columns on
-- the 0003-0006 tables, so this file can run twice (18.16 has no ADD COLUMN IF NOT EXISTS).
-- Recomputed like the other rollups (ReplacingMergeTree by computed_at, see 0003).

-- Counter waits (seconds) of visits with a wait, keyed as visits_per_hour_v1 / visits_per_day_v1.
CREATE TABLE IF NOT EXISTS visit_waits_per_hour_v1
(
    tenant LowCardinality(String),
    hour DateTime('UTC'),
    location_id LowCardinality(String),
    queue_id LowCardinality(String),
    kind Enum8('walk_in' = 1, 'appointment' = 2),
    wait_count UInt32,
    wait_norm_seconds Nullable(Float64),
    waited_within_norm Nullable(UInt32),
    wait_bounds Array(Float64),
    wait_histogram Array(UInt32),
    computed_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(hour)
ORDER BY (tenant, hour, location_id, queue_id, kind);

CREATE TABLE IF NOT EXISTS visit_waits_per_day_v1
(
    tenant LowCardinality(String),
    day Date,
    location_id LowCardinality(String),
    queue_id LowCardinality(String),
    kind Enum8('walk_in' = 1, 'appointment' = 2),
    wait_count UInt32,
    wait_norm_seconds Nullable(Float64),
    waited_within_norm Nullable(UInt32),
    wait_bounds Array(Float64),
    wait_histogram Array(UInt32),
    computed_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(day)
ORDER BY (tenant, day, location_id, queue_id, kind);

-- Phone answer waits (seconds, queue entry to answer) of answered calls whose wait is known, keyed
-- as calls_per_hour_v1 / calls_per_day_v1, whose `queued` and `abandoned_short` give the
-- service level's denominators.
CREATE TABLE IF NOT EXISTS call_waits_per_hour_v1
(
    tenant LowCardinality(String),
    hour DateTime('UTC'),
    queue_id LowCardinality(String),
    answered UInt32,
    answer_wait_count UInt32,
    answer_norm_seconds Nullable(Float64),
    answered_within_norm Nullable(UInt32),
    answer_wait_bounds Array(Float64),
    answer_wait_histogram Array(UInt32),
    computed_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(hour)
ORDER BY (tenant, hour, queue_id);

CREATE TABLE IF NOT EXISTS call_waits_per_day_v1
(
    tenant LowCardinality(String),
    day Date,
    queue_id LowCardinality(String),
    answered UInt32,
    answer_wait_count UInt32,
    answer_norm_seconds Nullable(Float64),
    answered_within_norm Nullable(UInt32),
    answer_wait_bounds Array(Float64),
    answer_wait_histogram Array(UInt32),
    computed_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(day)
ORDER BY (tenant, day, queue_id);

-- Callback requests (terugbelverzoeken), one row per request, its current state (see 0005 for the
-- pattern). A callback carries no team: its queue is the team that promised it. due_at is the end
-- of the promise (the shared deadline rules); on_time: completed (reached or not) no later than
-- due_at, NULL while open or when cancelled; working_days: from the day after the request to the
-- completion (a completion on a closed day counts on the next working day, so working_days ≤ N
-- exactly when a promise of N working days was kept). version grows with the state (open, then
-- completed; a later rebooking of an open request wins). A rebooking moves requested_at, so no
-- partition by it (copies of one request must meet in one partition for FINAL): one partition.
CREATE TABLE IF NOT EXISTS callback_facts_v1
(
    tenant LowCardinality(String),
    callback_id String,
    call_id Nullable(String),
    queue_id Nullable(String),
    requested_at DateTime('UTC'),
    promise_target Float64,
    promise_unit Enum8('seconds' = 1, 'minutes' = 2, 'hours' = 3, 'calendar_days' = 4, 'working_days' = 5),
    due_at DateTime('UTC'),
    completed_at Nullable(DateTime('UTC')),
    outcome Nullable(Enum8('reached' = 1, 'not_reached' = 2, 'cancelled' = 3)),
    status Enum8('open' = 1, 'completed' = 2),
    on_time Nullable(UInt8),
    working_days Nullable(Int32),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant, callback_id);

-- Callbacks per Amsterdam day and queue: requested by the day of the request; completed, on time,
-- cancelled and the working-days histogram (completions that were not cancelled) by the day of
-- the completion.
CREATE TABLE IF NOT EXISTS callbacks_per_day_v1
(
    tenant LowCardinality(String),
    day Date,
    queue_id LowCardinality(String),
    requested UInt32,
    completed UInt32,
    completed_on_time UInt32,
    cancelled UInt32,
    working_days_bounds Array(Float64),
    working_days_histogram Array(UInt32),
    computed_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(day)
ORDER BY (tenant, day, queue_id);

-- Written answers per Amsterdam day of the answer, keyed as written_per_day_v1: working days
-- from receipt to answer (written_facts_v1.answer_working_days); within norm = at most the norm
-- in force, when that norm is in working days.
CREATE TABLE IF NOT EXISTS written_answers_per_day_v1
(
    tenant LowCardinality(String),
    day Date,
    channel Enum8('email' = 1, 'post' = 2, 'web_form' = 3, 'chat' = 4),
    team_id LowCardinality(String),
    answered UInt32,
    answer_norm_working_days Nullable(Float64),
    answered_within_norm Nullable(UInt32),
    working_days_bounds Array(Float64),
    working_days_histogram Array(UInt32),
    computed_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(day)
ORDER BY (tenant, day, channel, team_id);

-- Lead times (calendar days, start to end date) of closed cases per end date, keyed as
-- cases_per_day_v1; each case's own deadline (norm, suspension, extension) decides
-- closed_within_norm, as in cases_per_day_v1.
CREATE TABLE IF NOT EXISTS case_lead_times_per_day_v1
(
    tenant LowCardinality(String),
    day Date,
    case_type_id LowCardinality(String),
    team_id LowCardinality(String),
    closed UInt32,
    closed_within_norm UInt32,
    lead_time_days_bounds Array(Float64),
    lead_time_days_histogram Array(UInt32),
    computed_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(day)
ORDER BY (tenant, day, case_type_id, team_id);
