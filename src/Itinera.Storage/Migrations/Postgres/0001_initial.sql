-- Itinera schema v1 (PostgreSQL). Times are epoch milliseconds (UTC). Every table holding user data is
-- keyed by user_id first so it can be distributed by user.

CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE control_users (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    email TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX control_users_email ON control_users (email);

CREATE TABLE applications (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    name TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX applications_account ON applications (account_id);

CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    app_id TEXT NOT NULL REFERENCES applications (id),
    name TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    scopes TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX api_keys_app ON api_keys (app_id);

CREATE TABLE sdk_users (
    user_id TEXT PRIMARY KEY,
    app_id TEXT NOT NULL REFERENCES applications (id),
    external_id TEXT,
    state TEXT NOT NULL,
    time_zone TEXT,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX sdk_users_external ON sdk_users (app_id, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE installs (
    user_id TEXT NOT NULL,
    install_id TEXT NOT NULL,
    app_id TEXT NOT NULL,
    state TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, install_id)
);
CREATE UNIQUE INDEX installs_by_id ON installs (install_id);

-- Access and refresh tokens of SDK users and control users, by SHA-256 of the token. A token starts
-- with the id of the user it was issued to, so it is found by user first.
CREATE TABLE user_tokens (
    user_id TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    kind TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    install_id TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT,
    PRIMARY KEY (user_id, token_hash)
);
CREATE INDEX user_tokens_install ON user_tokens (install_id);

-- Single-use codes: SDK user-creation codes (POST /users/auth-code) and control-user login codes.
CREATE TABLE auth_codes (
    code_hash TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    app_id TEXT,
    external_id TEXT,
    user_id TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX auth_codes_user ON auth_codes (user_id);

CREATE TABLE events (
    user_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    start_ms BIGINT NOT NULL,
    end_ms BIGINT,
    body TEXT NOT NULL,
    PRIMARY KEY (user_id, event_id)
);
CREATE INDEX events_by_start ON events (user_id, start_ms);

CREATE TABLE trajectories (
    user_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (user_id, event_id)
);

CREATE TABLE behavior_scores (
    user_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (user_id, event_id)
);

CREATE TABLE behavior_annotations (
    user_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (user_id, event_id)
);

CREATE TABLE segments (
    user_id TEXT NOT NULL,
    segment_definition_id TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (user_id, segment_definition_id)
);

CREATE TABLE moments (
    user_id TEXT NOT NULL,
    moment_id TEXT NOT NULL,
    definition_id TEXT NOT NULL,
    start_ms BIGINT NOT NULL,
    end_ms BIGINT,
    body TEXT NOT NULL,
    PRIMARY KEY (user_id, moment_id)
);
CREATE INDEX moments_by_start ON moments (user_id, start_ms);

CREATE TABLE location_clusters (
    user_id TEXT NOT NULL,
    cluster_id TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (user_id, cluster_id)
);

CREATE TABLE last_locations (
    user_id TEXT PRIMARY KEY,
    timestamp_ms BIGINT NOT NULL,
    body TEXT NOT NULL
);

CREATE TABLE anomalies (
    user_id TEXT NOT NULL,
    anomaly_id TEXT NOT NULL,
    start_ms BIGINT NOT NULL,
    end_ms BIGINT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (user_id, anomaly_id)
);
CREATE INDEX anomalies_by_start ON anomalies (user_id, start_ms);

CREATE TABLE car_behavior (
    user_id TEXT PRIMARY KEY,
    body TEXT NOT NULL
);

CREATE TABLE driving_score_aggregates (
    user_id TEXT NOT NULL,
    period TEXT NOT NULL,
    period_start TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (user_id, period, period_start)
);
