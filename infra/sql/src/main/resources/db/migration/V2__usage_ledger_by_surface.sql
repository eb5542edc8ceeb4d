-- the factory's cost and task endpoints read one team's calls of one surface (all time, or per day)
CREATE INDEX usage_ledger_team_surface_time ON usage_ledger (team_id, surface, occurred_at);
