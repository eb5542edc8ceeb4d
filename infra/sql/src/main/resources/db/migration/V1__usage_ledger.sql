-- One row per LLM call, written by the worker from usage events. The id is the event id, so a redelivered
-- event cannot be written twice. Plain SQL that runs on PostgreSQL and on H2 in PostgreSQL mode; no foreign keys.
CREATE TABLE usage_ledger (
    id                VARCHAR(128)             NOT NULL PRIMARY KEY,
    team_id           VARCHAR(64)              NOT NULL,
    surface           VARCHAR(32),
    project           VARCHAR(255),
    job               VARCHAR(255),
    agent             VARCHAR(255),
    provider          VARCHAR(255),
    model             VARCHAR(255),
    prompt_tokens     INTEGER                  NOT NULL,
    completion_tokens INTEGER                  NOT NULL,
    total_tokens      INTEGER                  NOT NULL,
    cost_usd          NUMERIC(20, 10)          NOT NULL,
    latency_ms        BIGINT                   NOT NULL,
    ttft_ms           BIGINT,
    status            VARCHAR(64)              NOT NULL,
    occurred_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at       TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);

-- every analytics query is per team over a period; the second also serves per-model breakdowns
CREATE INDEX usage_ledger_team_time ON usage_ledger (team_id, occurred_at);
CREATE INDEX usage_ledger_team_model ON usage_ledger (team_id, model, occurred_at);
