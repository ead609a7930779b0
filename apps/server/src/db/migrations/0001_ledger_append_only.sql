-- The trace ledger is append-only, enforced by the database itself (K2).
-- A superuser can still bypass triggers (session_replication_role = replica); `henji verify` catches that.
CREATE OR REPLACE FUNCTION henji_ledger_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'henji: % on % is forbidden; the trace ledger is append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['ledger_entries', 'ledger_leaves', 'ledger_nodes', 'ledger_checkpoints', 'ledger_keys'] LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION henji_ledger_append_only()', t || '_no_rewrite', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION henji_ledger_append_only()', t || '_no_truncate', t);
  END LOOP;
END;
$$;
