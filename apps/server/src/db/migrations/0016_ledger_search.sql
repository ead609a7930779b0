-- The ledger page filters by action and by action group (`action like 'application.%'`): text_pattern_ops lets the
-- B-tree serve both the equality and the prefix match.
CREATE INDEX IF NOT EXISTS "ledger_entries_action_idx" ON "ledger_entries" USING btree ("action" text_pattern_ops, "id");
