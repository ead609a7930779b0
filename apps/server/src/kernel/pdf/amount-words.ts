/**
 * 大写金额: an amount of yuan in the capital numerals of Chinese financial documents (《支付结算办法》 writing rules):
 * 50,000.00 → 伍万元整, 12,345.67 → 壹万贰仟叁佰肆拾伍元陆角柒分, 100,005 → 壹拾万零伍元整, 0.5 → 伍角.
 * One 零 stands for any run of zeros between non-zero digits (none for a zero only in the 万 or 亿 place: 105,000 →
 * 壹拾万伍仟元整); 整 follows an amount ending at 元; 零 is written
 * between 元 and 分 when 角 is zero (1.05 → 壹元零伍分). Exact: the amount is read as decimal text, never as a float
 * sum, and rounded half up to the fen.
 */
const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const IN_GROUP = ['', '拾', '佰', '仟'] as const;
const GROUPS = ['', '万', '亿'] as const;
/** Below 1 000 000 000 000 (壹万亿) yuan: every amount Henji's forms accept and far beyond. */
export const AMOUNT_IN_WORDS_LIMIT = 1_000_000_000_000;

/** The amount as integer yuan digits and two fen digits, rounded half up; throws on anything but a finite decimal. */
function fenDigits(amount: number | string): { negative: boolean; yuan: string; jiao: number; fen: number } {
  const text = typeof amount === 'number' ? (Number.isFinite(amount) ? amountText(amount) : '') : amount.trim().replace(/,/g, '');
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new RangeError(`not an amount: ${String(amount)}`);
  const [, sign, whole = '0', fraction = ''] = match;
  // Round half up at the fen: add one fen when the third decimal is 5 or more.
  let cents = BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2));
  if (Number(fraction[2] ?? '0') >= 5) cents += 1n;
  if (cents >= BigInt(AMOUNT_IN_WORDS_LIMIT) * 100n) throw new RangeError(`amount too large: ${String(amount)}`);
  return { negative: sign === '-' && cents > 0n, yuan: (cents / 100n).toString(), jiao: Number((cents / 10n) % 10n), fen: Number(cents % 10n) };
}

/** A JavaScript number as plain decimal text (no exponent), to the precision it was written with. */
function amountText(n: number): string {
  const abs = Math.abs(n);
  const text = abs >= 1e21 ? abs.toFixed(0) : abs.toString().includes('e') ? abs.toFixed(8) : abs.toString();
  return (n < 0 ? '-' : '') + text;
}

/** The integer part in words without 元: "壹拾万零伍". */
function yuanWords(yuan: string): string {
  if (/^0+$/.test(yuan)) return '';
  const digits = yuan.replace(/^0+/, '');
  let out = '';
  let zeroPending = false;
  let groupHasDigit = false;
  for (let i = 0; i < digits.length; i++) {
    const position = digits.length - 1 - i;
    const d = Number(digits[i]);
    if (d === 0) {
      // A zero in a group's last place (个位 of 万, of 亿) is not written when the next place is a digit: 壹拾万伍仟.
      if (position % 4 !== 0) zeroPending = true;
    } else {
      if (zeroPending && out !== '') out += DIGITS[0];
      zeroPending = false;
      out += DIGITS[d]! + IN_GROUP[position % 4]!;
      groupHasDigit = true;
    }
    if (position % 4 === 0) {
      if (groupHasDigit) out += GROUPS[position / 4]!;
      groupHasDigit = false;
    }
  }
  return out;
}

export function amountInWords(amount: number | string): string {
  const { negative, yuan, jiao, fen } = fenDigits(amount);
  const whole = yuanWords(yuan);
  if (whole === '' && jiao === 0 && fen === 0) return '零元整';
  let out = whole === '' ? '' : `${whole}元`;
  if (jiao === 0 && fen === 0) out += '整';
  else {
    if (jiao > 0) out += `${DIGITS[jiao]}角`;
    else if (whole !== '') out += DIGITS[0];
    if (fen > 0) out += `${DIGITS[fen]}分`;
  }
  return (negative ? '负' : '') + out;
}

/** An amount in figures as printed beside the words: ¥12,345.67 (two decimals, thousands separated). */
export function amountInFigures(amount: number | string): string {
  const { negative, yuan, jiao, fen } = fenDigits(amount);
  return `${negative ? '-' : ''}¥${yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${jiao}${fen}`;
}
