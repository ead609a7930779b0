import type { printZhCN } from './i18n.zh-CN.ts';

export const printEnUS: typeof printZhCN = {
  sheet: 'Print approval sheet',
  sheetTooltip: 'An A4 PDF approval sheet (form, line items, amount in words, every decision with opinion and handwritten signature, a QR code to verify); the download is traced',
  report: 'Download evidence report',
  reportTooltip: 'A PDF evidence report: the trace in plain language, each entry’s verification state, the signed checkpoint and how to verify offline; the download is traced',
};
