-- Lets `execute` tell, at no cost to traced commands, whether a command changed any row: every data table gets a
-- row-level trigger that raises a transaction-local flag. Ledger tables do not need it (they are the trace itself).
-- Every new data table must get the same trigger (see ARCHITECTURE.md, "Adding a module"); a test checks that.
CREATE OR REPLACE FUNCTION henji_mark_write() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('henji.rows_written', 'yes', true);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['departments', 'positions', 'roles', 'users', 'user_roles', 'delegations', 'sessions', 'api_tokens'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION henji_mark_write()', t || '_mark_write', t);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION henji_mark_write()', t || '_mark_truncate', t);
  END LOOP;
END;
$$;
