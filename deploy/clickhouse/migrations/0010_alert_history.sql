-- Alert history: every state change of an alert, and every attempt to notify a receiver.
-- Alerting writes both; after a restart it reads them back (the open alerts, and the last
-- notification sent per group and receiver, as Alertmanager's notification log).
--
-- A crash may make alerting record the same change or attempt again. Each table is keyed by what
-- makes a record the same one, and the statements in services/alerting/src/history group by that
-- key, so a replayed copy is invisible in every result, merged or not. ReplacingMergeTree folds
-- the copies on disk; `precedence` (2^53 - 1 - epoch milliseconds of `at`) makes the earliest copy
-- the one that stays, which is when the change really happened.

-- One row per change of an alert: the key is the alert, its occurrence (told apart by starts_at,
-- when its pending, firing, resolved run began) and `change`, a hash of its message apart from updated_at, so an
-- identical message recorded again is the same row.
CREATE TABLE IF NOT EXISTS alert_history_v1
(
    tenant LowCardinality(String),
    fingerprint String,
    rule_id LowCardinality(String),
    starts_at DateTime('UTC'),
    change String,
    state Enum8('pending' = 1, 'firing' = 2, 'resolved' = 3),
    severity Enum8('warning' = 1, 'critical' = 2),
    labels String,
    message String,
    at DateTime('UTC'),
    at_ms UInt16,
    precedence UInt64
)
ENGINE = ReplacingMergeTree(precedence)
PARTITION BY toYYYYMM(starts_at)
ORDER BY (tenant, fingerprint, starts_at, change);

-- One row per attempt to deliver a notification to its receiver. notification_id is
-- deterministic (group, receiver, and each alert's fingerprint, state and occurrence), so a
-- notification sent again after a restart has the same id; the key adds the attempt number and
-- its outcome. `alerts` is a JSON array with each alert's fingerprint, state, severity,
-- occurrence and starts_at: what the notification log compares after a restart.
CREATE TABLE IF NOT EXISTS alert_notifications_v1
(
    tenant LowCardinality(String),
    notification_id String,
    group_key String,
    receiver LowCardinality(String),
    reason Enum8('firing' = 1, 'resolved' = 2, 'repeat' = 3, 'escalation' = 4),
    attempt UInt16,
    outcome Enum8('sent' = 1, 'failed' = 2, 'dead_letter' = 3, 'suppressed' = 4),
    outcome_reason Nullable(String),
    fingerprints Array(String),
    resolved_fingerprints Array(String),
    alerts String,
    at DateTime('UTC'),
    at_ms UInt16,
    precedence UInt64
)
ENGINE = ReplacingMergeTree(precedence)
PARTITION BY toYYYYMM(at)
ORDER BY (tenant, notification_id, attempt, outcome);
