/**
 * 自动计算: line amounts (数量 × 单价) and totals (合计) are the server's, computed with exact decimal arithmetic from
 * the values it checked — never typed by the applicant, so 5 × 10,000 cannot be declared as 9,999 to pass under the
 * CEO's threshold. Pure, shared by the server (which decides) and the web form (which shows the same figures as the
 * applicant types).
 */
import type { FieldCompute, FormDefinition, ScalarField } from './flow-definition.ts';

const own = (values: Record<string, unknown>, key: string): unknown => (Object.hasOwn(values, key) ? values[key] : undefined);

/** An exact decimal: `units / 10^scale`. */
interface Decimal {
  units: bigint;
  scale: number;
}

const ZERO: Decimal = { units: 0n, scale: 0 };

/** The exact decimal a JS number prints as (its shortest round-trip form, which is what people typed). */
function decimalOf(n: number): Decimal {
  const [mantissa, exponent = '0'] = String(n).toLowerCase().split('e');
  const negative = mantissa!.startsWith('-');
  const [whole, fraction = ''] = mantissa!.replace('-', '').split('.');
  let units = BigInt(`${whole}${fraction}` || '0');
  let scale = fraction.length - Number(exponent);
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units: negative ? -units : units, scale };
}

const align = (a: Decimal, b: Decimal): [bigint, bigint, number] => {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
};

const add = (a: Decimal, b: Decimal): Decimal => {
  const [x, y, scale] = align(a, b);
  return { units: x + y, scale };
};

const multiply = (a: Decimal, b: Decimal): Decimal => ({ units: a.units * b.units, scale: a.scale + b.scale });

/** Rounds half away from zero to `places` decimals and returns the number (exact for money's two places). */
function toNumber(d: Decimal, places: number): number {
  let { units } = d;
  if (d.scale > places) {
    const divisor = 10n ** BigInt(d.scale - places);
    const half = divisor / 2n;
    units = units >= 0n ? (units + half) / divisor : -((-units + half) / divisor);
    return Number(`${units}e-${places}`);
  }
  return Number(`${units}e-${d.scale}`);
}

const numeric = (v: unknown): Decimal | null => (typeof v === 'number' && Number.isFinite(v) ? decimalOf(v) : null);

/** Decimal places a computed value keeps: money to the fen (分), a plain number to six places. */
const placesOf = (field: ScalarField) => (field.type === 'money' ? 2 : 6);

function product(row: Record<string, unknown>, [a, b]: readonly string[]): Decimal | null {
  const x = a === undefined ? null : numeric(own(row, a));
  const y = b === undefined ? null : numeric(own(row, b));
  return x && y ? multiply(x, y) : null;
}

function computeCell(compute: FieldCompute, row: Record<string, unknown>): Decimal | null {
  return 'product' in compute ? product(row, compute.product) : null;
}

/**
 * Fills in every computed value of checked form values, in place of whatever was sent: table columns first (each
 * row's product), then the form's sums of a table column or of a product per row. A row missing a factor has no
 * line amount and adds nothing; a table with no rows sums to nothing (the field stays empty).
 */
export function applyComputed(form: FormDefinition, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const field of form.fields) {
    if (field.type !== 'table') continue;
    const columns = field.columns.filter((c) => c.compute);
    if (columns.length === 0 || !Array.isArray(out[field.key])) continue;
    out[field.key] = (out[field.key] as Record<string, unknown>[]).map((row) => {
      const next = { ...row };
      for (const column of columns) {
        const value = computeCell(column.compute!, row);
        if (value) next[column.key] = toNumber(value, placesOf(column));
        else delete next[column.key];
      }
      return next;
    });
  }
  for (const field of form.fields) {
    if (field.type === 'table' || !field.compute || !('sum' in field.compute)) continue;
    const { table, column, product: factors } = field.compute.sum;
    const rows = own(out, table);
    if (!Array.isArray(rows) || rows.length === 0) {
      delete out[field.key];
      continue;
    }
    let total = ZERO;
    for (const row of rows as Record<string, unknown>[]) {
      const line = column ? numeric(own(row, column)) : factors ? product(row, factors) : null;
      if (line) total = add(total, line);
    }
    out[field.key] = toNumber(total, placesOf(field));
  }
  return out;
}

/** Whether a field (or table column) is computed by the server, so the applicant neither fills it nor must. */
export const isComputed = (field: { compute?: unknown }) => field.compute !== undefined;
