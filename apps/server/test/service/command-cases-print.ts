/** The command walker's cases for printed documents (kernel/pdf): a download traced on its object, changing no row. */
import { randomBytes } from 'node:crypto';
import { recordDownload } from '../../src/kernel/pdf/index.ts';
import type { TestHenji } from '../harness.ts';
import { as, submitted, walkOf } from './application-walk.ts';
import { application, plan, type Case } from './command-plan.ts';

export const PRINT_CASES: Record<string, (h: TestHenji) => Promise<Case[]>> = {
  'pdf.record_download': async (h) => {
    const w = await walkOf(h);
    const id = await submitted(h, w);
    const download = (action: 'application.print_sheet' | 'ledger.report_download') => ({
      action,
      subjectType: 'application',
      subjectId: id,
      fileName: '采购申请审批单.pdf',
      sha256: randomBytes(32).toString('hex'),
      size: 4096,
      pages: 1,
    });
    return [
      plan('the applicant prints the approval sheet', recordDownload, as(w.company.employee), download('application.print_sheet'), () => [application(id)], { traceOnly: true }),
      plan('the applicant downloads the evidence report', recordDownload, as(w.company.employee), download('ledger.report_download'), () => [application(id)], { traceOnly: true }),
    ];
  },
};
