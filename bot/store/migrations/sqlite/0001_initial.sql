-- Paved store, first version (SQLite). Timestamps are UTC ISO-8601 text with a fixed
-- width ("2026-11-21T05:30:00.000000Z") so that text comparison orders them.

CREATE TABLE feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    page TEXT NOT NULL,
    url TEXT,
    title TEXT,
    rating INTEGER NOT NULL CHECK (rating IN (0, 1)),
    comment TEXT,
    source TEXT NOT NULL CHECK (source IN ('portal', 'slack')),
    user_ref TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX feedback_page_created ON feedback (page, created_at);
CREATE INDEX feedback_created ON feedback (created_at);

CREATE TABLE answers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    question TEXT NOT NULL,
    normalised TEXT NOT NULL,
    answer_text TEXT NOT NULL,
    citations TEXT NOT NULL DEFAULT '[]',
    channel TEXT,
    user_ref TEXT,
    source TEXT NOT NULL,
    created_at TEXT NOT NULL,
    rating INTEGER CHECK (rating IN (0, 1)),
    rated_at TEXT
);
CREATE INDEX answers_rating ON answers (rating);

CREATE TABLE unanswered (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    question TEXT NOT NULL,
    normalised TEXT NOT NULL,
    channel TEXT,
    user_ref TEXT,
    source TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX unanswered_normalised ON unanswered (normalised);

CREATE TABLE processed_events (
    event_id TEXT PRIMARY KEY,
    claimed_at TEXT NOT NULL
);

CREATE TABLE kv (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
