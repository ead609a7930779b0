/**
 * Approver comfort (issue 9 §7): batch approval, saved phrases (常用语) and signature, copies (抄送) added by people,
 * the approver preview and the xlsx exports of 我的申请 and 我的待办.
 */
import { z } from 'zod';
import { uuid } from './common.ts';
import { PngDataUrl } from './applications.ts';
import { APPLICATION_STATUSES, INBOX_TABS } from './values.ts';

const UserRef = z.object({ id: uuid, displayName: z.string() });

/** People copied (抄送) by the applicant on submitting or by an approver with a decision. */
export const CcList = z.array(uuid).max(20);

export const BatchApproveInput = z.strictObject({
  /** The to-dos to approve, each with the form hash the inbox showed (a form changed since is refused for that item). */
  items: z.array(z.strictObject({ applicationId: uuid, taskId: uuid, formHash: z.string().max(80) })).min(1).max(50),
  /** One opinion for all; nodes that require an opinion on approval refuse the items when it is empty. */
  opinion: z.string().trim().max(2000).optional(),
  /** Attach the caller's saved handwritten signature to every decision. */
  useSavedSignature: z.boolean().default(false),
});
export type BatchApproveInput = z.infer<typeof BatchApproveInput>;

export const BatchApproveResult = z
  .object({
    results: z.array(
      z.object({
        applicationId: uuid,
        taskId: uuid,
        ok: z.boolean(),
        /** On failure: the error code (`conflict`, `forbidden`, `validation_failed` …) and its message in the caller's language. */
        code: z.string().nullable(),
        message: z.string().nullable(),
      }),
    ),
    approved: z.number().int(),
    failed: z.number().int(),
  })
  .meta({ id: 'BatchApproveResult' });
export type BatchApproveResult = z.infer<typeof BatchApproveResult>;

export const Phrase = z.object({ id: uuid, text: z.string() });
export type Phrase = z.infer<typeof Phrase>;
export const PhraseList = z.object({ items: z.array(Phrase) }).meta({ id: 'PhraseList' });
export type PhraseList = z.infer<typeof PhraseList>;
/** The whole ordered list: adding, editing, deleting and reordering all save the list as the user now has it. */
export const SavePhrasesInput = z.strictObject({ phrases: z.array(z.string().trim().min(1).max(200)).max(30) });
export type SavePhrasesInput = z.infer<typeof SavePhrasesInput>;

export const SavedSignature = z
  .object({ image: z.string().nullable(), sha256: z.string().nullable(), updatedAt: z.string().nullable() })
  .meta({ id: 'SavedSignature' });
export type SavedSignature = z.infer<typeof SavedSignature>;
export const SaveSignatureInput = z.strictObject({ image: PngDataUrl });
export type SaveSignatureInput = z.infer<typeof SaveSignatureInput>;

/** A copy of an application: who was copied, by whom (null: the flow's own 抄送 node), when, and whether read (已阅). */
export const ApplicationCopy = z.object({
  taskId: uuid,
  person: UserRef,
  addedBy: UserRef.nullable(),
  nodeId: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
  readAt: z.string().nullable(),
});
export type ApplicationCopy = z.infer<typeof ApplicationCopy>;
export const ApplicationCopies = z.object({ items: z.array(ApplicationCopy) }).meta({ id: 'ApplicationCopies' });
export type ApplicationCopies = z.infer<typeof ApplicationCopies>;

export const ApproverPreviewInput = z.strictObject({ form: z.record(z.string(), z.unknown()) });
export type ApproverPreviewInput = z.infer<typeof ApproverPreviewInput>;

export const ApproverPreview = z
  .object({
    levels: z.array(
      z.object({
        nodeId: z.string(),
        nodeName: z.string(),
        mode: z.enum(['sequential', 'all', 'any', 'vote']),
        approvers: z.array(UserRef),
        /** Why these are not the people the source names (separation of duties), in the caller's language. */
        substitution: z.string().nullable(),
        /** The source names nobody and the node says `whenEmpty: skip`: the level will be passed. */
        skipped: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'ApproverPreview' });
export type ApproverPreview = z.infer<typeof ApproverPreview>;

/** 我的申请 as xlsx: the list's filters, without paging. */
export const ApplicationExportQuery = z.strictObject({
  status: z.enum(APPLICATION_STATUSES).optional(),
  typeId: uuid.optional(),
  q: z.string().trim().max(100).optional(),
});
export type ApplicationExportQuery = z.infer<typeof ApplicationExportQuery>;

/** 我的待办 / 已办 / 抄送 as xlsx: the inbox's filters, without paging. */
export const InboxExportQuery = z.strictObject({ tab: z.enum(INBOX_TABS).default('todo'), typeId: uuid.optional() });
export type InboxExportQuery = z.infer<typeof InboxExportQuery>;
