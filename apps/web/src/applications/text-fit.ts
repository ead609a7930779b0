/**
 * SVG text does not wrap or clip, so the flowchart shortens its labels itself. Widths are estimated, not measured:
 * a CJK character is about one em wide, Latin letters and digits a little over half. Good enough to keep a label
 * inside its box; the full text is always in the node's tooltip.
 */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

export function textWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const char of text) ems += WIDE.test(char) ? 1 : 0.6;
  return ems * fontSize;
}

/** The text, or as much of it as fits followed by '…'. */
export function fitText(text: string, maxWidth: number, fontSize: number): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  const ellipsis = '…';
  const room = maxWidth - textWidth(ellipsis, fontSize);
  let out = '';
  for (const char of text) {
    if (textWidth(out + char, fontSize) > room) break;
    out += char;
  }
  return out + ellipsis;
}
