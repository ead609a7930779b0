/**
 * What the offline verifier tells a person: a plain-language summary (Chinese, with the English terms the verifier's
 * JSON report uses) of what it checked — the subject, how many entries, each entry's action and time, the checkpoint,
 * and the verdict. Action and subject names come from the ledger vocabulary when the caller passes it (the bin reads
 * it from the repository's contracts); without it they are printed as recorded.
 */
import type { BundleReport, ProofBundle } from './bundle.ts';

export interface SummaryLabels {
  actions?: Record<string, string>;
  subjectTypes?: Record<string, string>;
}

const BEIJING = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

const beijing = (iso: string) => {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : BEIJING.format(at);
};

function commentOf(payload: string): string | null {
  try {
    const parsed = JSON.parse(payload) as { comment?: unknown };
    return typeof parsed.comment === 'string' && parsed.comment !== '' ? parsed.comment : null;
  } catch {
    return null;
  }
}

export function summarizeBundle(bundle: ProofBundle, report: BundleReport, labels: SummaryLabels = {}): string {
  const lines: string[] = [];
  const subjects = [...new Set(bundle.entries.map((e) => `${e.entry.subjectType}/${e.entry.subjectId}`))];
  const subjectText = (key: string) => {
    const [type = '', ...id] = key.split('/');
    const label = labels.subjectTypes?.[type];
    return `${label ? `${label} ` : ''}${type} ${id.join('/')}`;
  };
  lines.push('痕迹证明包核验结果 (Henji proof bundle verification)');
  lines.push(`对象 (subject): ${subjects.length === 0 ? '（无）(none)' : subjects.map(subjectText).join('; ')}`);
  lines.push(`痕迹条数 (entries): ${bundle.entries.length}`);
  const c = bundle.checkpoint;
  lines.push(`检查点 (checkpoint): 树大小 tree size ${c.treeSize}，树根 root ${c.rootHash}`);
  lines.push(`  签名时间 signed at ${beijing(c.issuedAt)}（北京时间 Beijing time），密钥 key id ${c.keyId}`);
  lines.push(`  签名 (checkpoint signature): ${report.checkpointSignatureValid ? '有效 valid' : '无效 INVALID'}`);
  lines.push('');
  const verdicts = new Map(report.entries.map((v) => [v.id, v]));
  // Oldest first (a bundle lists the newest first): the summary reads as the story it proves.
  [...bundle.entries].sort((a, b) => a.leafIndex - b.leafIndex).forEach((item, i) => {
    const e = item.entry;
    const verdict = verdicts.get(e.id);
    const action = labels.actions?.[e.action];
    const state = verdict?.ok ? '✓ 已验证 verified' : `✗ 未通过 FAILED: ${verdict?.reason ?? 'not checked'}`;
    lines.push(`${String(i + 1).padStart(3)}. ${beijing(e.recordedAt)}  ${action ? `${action} (${e.action})` : e.action}  叶子 leaf ${item.leafIndex}  ${state}`);
    const comment = commentOf(e.payload);
    if (comment) lines.push(`     意见 (comment): ${comment}`);
  });
  if (bundle.entries.length > 0) lines.push('');
  const failed = report.entries.filter((v) => !v.ok).length;
  lines.push(
    report.ok
      ? `结论 (verdict): 通过 OK — 全部 ${bundle.entries.length} 条痕迹都在签名检查点（树大小 ${c.treeSize}）的默克尔树中，内容未被篡改。`
      : `结论 (verdict): 未通过 FAILED — ${report.checkpointSignatureValid ? `${failed} 条痕迹的包含证明不成立` : '检查点签名无效'}；这些痕迹不能作为证据。`,
  );
  return lines.join('\n');
}
