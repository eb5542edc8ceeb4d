-- Who a call was made for, and whether the platform made it (metered) or a client reported it (POST
-- /v1/analytics/usage on the gateway). Rows written before this have no user and were all metered.
ALTER TABLE usage_ledger ADD COLUMN user_id VARCHAR(255);
ALTER TABLE usage_ledger ADD COLUMN api_key_id VARCHAR(128);
ALTER TABLE usage_ledger ADD COLUMN request_type VARCHAR(64);
ALTER TABLE usage_ledger ADD COLUMN source VARCHAR(16) DEFAULT 'metered' NOT NULL;
-- a reported call's metadata, a JSON object as text (bounded by the gateway); never queried
ALTER TABLE usage_ledger ADD COLUMN metadata VARCHAR(4096);

-- per-user analytics and quotas read one user of one team over a period
CREATE INDEX usage_ledger_team_user_time ON usage_ledger (team_id, user_id, occurred_at);
