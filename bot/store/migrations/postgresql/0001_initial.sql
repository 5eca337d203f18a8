-- Paved store, first version (PostgreSQL). Tables are created unqualified, in the first
-- schema of the connection's search_path.

CREATE TABLE feedback (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    page TEXT NOT NULL,
    url TEXT,
    title TEXT,
    rating SMALLINT NOT NULL CHECK (rating IN (0, 1)),
    comment TEXT,
    source TEXT NOT NULL CHECK (source IN ('portal', 'slack')),
    user_ref TEXT,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX feedback_page_created ON feedback (page, created_at);
CREATE INDEX feedback_created ON feedback (created_at);

CREATE TABLE answers (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    question TEXT NOT NULL,
    normalised TEXT NOT NULL,
    answer_text TEXT NOT NULL,
    citations JSONB NOT NULL DEFAULT '[]'::jsonb,
    channel TEXT,
    user_ref TEXT,
    source TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    rating SMALLINT CHECK (rating IN (0, 1)),
    rated_at TIMESTAMPTZ
);
CREATE INDEX answers_rating ON answers (rating);

CREATE TABLE unanswered (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    question TEXT NOT NULL,
    normalised TEXT NOT NULL,
    channel TEXT,
    user_ref TEXT,
    source TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX unanswered_normalised ON unanswered (normalised);

CREATE TABLE processed_events (
    event_id TEXT PRIMARY KEY,
    claimed_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE kv (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
