import pg from 'pg';
const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/henji_bench_ledger_1000000' });
await c.connect();
let cursor = { level: 0, idx: -1 }; let seen = 0; let q = 0;
for (;;) {
  const r = await c.query('select level, idx::text as idx from ledger_nodes where (level, idx) > ($1, $2) order by level, idx limit 20000', [cursor.level, cursor.idx]);
  q++; if (q>22 && q<30) console.log(q, cursor, r.rows[0], r.rows.length);
  if (r.rows.length === 0) break;
  seen += r.rows.length;
  const lastRow = r.rows[r.rows.length - 1];
  cursor = { level: Number(lastRow.level), idx: Number(lastRow.idx) };
  if (r.rows.length < 20000) { console.log('short batch', q, r.rows.length, cursor); break; }
}
console.log(seen, q);
await c.end();
