-- Request counters of the API's rate limit, per client and scope ("feedback:10.0.0.7"),
-- shared by every replica so that N replicas together still allow the limit, not N times
-- it. One row per key, updated by one atomic upsert per request: the count of the current
-- window (starting at window_start, seconds since the epoch) and of the window before,
-- for the sliding-window estimate. Rows whose windows are over are pruned.
CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    hits INTEGER NOT NULL,
    previous_hits INTEGER NOT NULL
);
CREATE INDEX rate_limits_window ON rate_limits (window_start);
