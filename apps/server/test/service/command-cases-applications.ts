/**
 * The command walker's cases for applications (F1, F3, F5, F6); merged into CASES in command-cases.ts. Every case builds
 * its own applications on the walker type (application-walk.ts) and names the application it must trace; the walker
 * adds the notification batches, files and issued numbers the rows it sees belong to.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { execute } from '../../src/kernel/command.ts';
import { addSigner, approveTask, readCopy, rejectTask, returnTask, transferTask } from '../../src/modules/applications/commands/approver.ts';
import { createApplication, discardDraft, resubmitApplication, submitApplication, updateDraft, urgeApplication, withdrawApplication } from '../../src/modules/applications/commands/applicant.ts';
import { commentOnApplication } from '../../src/modules/applications/commands/comment.ts';
import { countersign, executeEmergency, objectToEmergency } from '../../src/modules/applications/commands/emergency.ts';
import { slaTick } from '../../src/modules/applications/commands/timers.ts';
import { type TestHenji } from '../harness.ts';
import { application, plan, requestMeta, type Case } from './command-plan.ts';
import { approveAs, as, atCheck, draft, executedInEmergency, formFor, queuedTick, submitted, taskInput, timer, uploaded, walkOf } from './application-walk.ts';

export const APPLICATION_CASES: Record<string, (h: TestHenji) => Promise<Case[]>> = {
  'applications.create': async (h) => {
    const w = await walkOf(h);
    const c = w.company;
    const fileId = await uploaded(h, c.employee);
    const requestKey = randomUUID();
    const input = { typeId: w.typeId, form: formFor(c, { files: [fileId] }), urgent: false, submit: true, requestKey };
    let first = '';
    return [
      plan('keeps a draft', createApplication, as(c.employee), { typeId: w.typeId, form: { title: '草稿' }, urgent: false, submit: false, requestKey: randomUUID() }, (r) => {
        expect(r.created).toBe(true);
        return [application(r.id)];
      }),
      plan('submits at once with an attachment: the head gets a task', createApplication, as(c.employee), input, (r) => {
        expect(r.created).toBe(true);
        first = r.id;
        return [application(r.id)];
      }),
      plan('the same request again returns the first application and changes nothing', createApplication, as(c.employee), input, (r) => {
        expect(r).toEqual({ id: first, created: false });
        return [];
      }, { quiet: true }),
    ];
  },
  'applications.updateDraft': async (h) => {
    const w = await walkOf(h);
    const id = await draft(h, w, { title: '草稿' });
    const fileId = await uploaded(h, w.company.employee);
    return [
      plan('fills in the draft and attaches a file', updateDraft, as(w.company.employee), { id, form: formFor(w.company, { files: [fileId] }), urgent: true }, () => [application(id)]),
    ];
  },
  'applications.submit': async (h) => {
    const w = await walkOf(h);
    const id = await draft(h, w);
    return [
      plan('submits a draft', submitApplication, as(w.company.employee), { id }, (r) => {
        expect(r.status).toBe('running');
        return [application(id)];
      }),
    ];
  },
  'applications.resubmit': async (h) => {
    const w = await walkOf(h);
    const c = w.company;
    const id = await atCheck(h, w);
    await execute(h.db, as(c.checker), returnTask, { ...(await taskInput(h, id, c.checker)), to: 'initiator', opinion: '请补充说明' });
    return [
      plan('resubmits with a changed form; the paused step resumes', resubmitApplication, as(c.employee), { id, form: formFor(c, { amount: 990 }), opinion: '已补充' }, (r) => {
        expect(r.status).toBe('running');
        return [application(id)];
      }),
    ];
  },
  'applications.withdraw': async (h) => {
    const w = await walkOf(h);
    const id = await submitted(h, w);
    return [
      plan('takes a running application back', withdrawApplication, as(w.company.employee), { id, reason: '不需要了' }, (r) => {
        expect(r.status).toBe('withdrawn');
        return [application(id)];
      }),
    ];
  },
  'applications.urge': async (h) => {
    const w = await walkOf(h);
    const id = await submitted(h, w);
    return [plan('reminds the head', urgeApplication, as(w.company.employee), { id, message: '请尽快审批' }, () => [application(id)])];
  },
  'applications.discard': async (h) => {
    const w = await walkOf(h);
    const fileId = await uploaded(h, w.company.employee);
    const id = await draft(h, w, formFor(w.company, { files: [fileId] }));
    return [plan('deletes a draft; its file is detached', discardDraft, as(w.company.employee), { id }, () => [application(id)])];
  },

  // ---- Approvers (F3, F4) ----
  'applications.approve': async (h) => {
    const w = await walkOf(h);
    const c = w.company;
    const first = await submitted(h, w);
    const delegated = await submitted(h, w);
    const last = await atCheck(h, w);
    return [
      plan('the head approves; the checker gets a task', approveTask, as(c.head), { ...(await taskInput(h, first, c.head)), opinion: '同意' }, () => [application(first)]),
      plan('a delegate approves on behalf of the head', approveTask, { actor: c.head.actor, delegate: c.signer.actor, meta: requestMeta() }, await taskInput(h, delegated, c.head), () => [
        application(delegated),
      ]),
      plan('the last approval numbers it, copies the reader and ends the flow', approveTask, as(c.checker), await taskInput(h, last, c.checker), (r) => {
        expect(r.status).toBe('approved');
        expect(r.number).toMatch(/^ZC/);
        return [application(last)];
      }),
    ];
  },
  'applications.reject': async (h) => {
    const w = await walkOf(h);
    const id = await submitted(h, w);
    return [
      plan('the head rejects with an opinion', rejectTask, as(w.company.head), { ...(await taskInput(h, id, w.company.head)), opinion: '预算不足' }, (r) => {
        expect(r.status).toBe('rejected');
        return [application(id)];
      }),
    ];
  },
  'applications.return': async (h) => {
    const w = await walkOf(h);
    const c = w.company;
    const toApplicant = await submitted(h, w);
    const toEarlier = await atCheck(h, w);
    return [
      plan('returns to the applicant; the step pauses', returnTask, as(c.head), { ...(await taskInput(h, toApplicant, c.head)), to: 'initiator', opinion: '请补充说明' }, (r) => {
        expect(r.status).toBe('returned');
        return [application(toApplicant)];
      }),
      plan('returns to an earlier node, which starts again', returnTask, as(c.checker), { ...(await taskInput(h, toEarlier, c.checker)), to: 'head', opinion: '请部门负责人再确认' }, (r) => {
        expect(r.status).toBe('running');
        return [application(toEarlier)];
      }),
    ];
  },
  'applications.transfer': async (h) => {
    const w = await walkOf(h);
    const id = await submitted(h, w);
    return [
      plan('hands the task to someone else', transferTask, as(w.company.head), { ...(await taskInput(h, id, w.company.head)), userId: w.company.signer.id, opinion: '请代为审批' }, () => [
        application(id),
      ]),
    ];
  },
  'applications.addSigner': async (h) => {
    const w = await walkOf(h);
    const c = w.company;
    const before = await submitted(h, w);
    const after = await submitted(h, w);
    return [
      plan('adds a signer before the head, who waits', addSigner, as(c.head), { ...(await taskInput(h, before, c.head)), userId: c.signer.id, position: 'before' as const }, () => [
        application(before),
      ]),
      plan('adds a signer after the head', addSigner, as(c.head), { ...(await taskInput(h, after, c.head)), userId: c.signer.id, position: 'after' as const }, () => [
        application(after),
      ]),
    ];
  },
  'applications.read': async (h) => {
    const w = await walkOf(h);
    const c = w.company;
    const id = await atCheck(h, w);
    await approveAs(h, id, c.checker);
    const { taskId } = await taskInput(h, id, c.reader, 'cc');
    return [plan('the reader of a copy confirms reading it', readCopy, as(c.reader), { id, taskId }, () => [application(id)])];
  },
  'applications.comment': async (h) => {
    const w = await walkOf(h);
    const id = await submitted(h, w);
    return [
      plan('the applicant comments', commentOnApplication, as(w.company.employee), { id, body: '附件已补充' }, () => [application(id)]),
      plan('the head comments', commentOnApplication, as(w.company.head), { id, body: '收到，今天处理' }, () => [application(id)]),
    ];
  },

  // ---- Emergency decisions (F6) ----
  'applications.emergencyExecute': async (h) => {
    const w = await walkOf(h);
    const id = await submitted(h, w, { urgent: true });
    return [
      plan('the temporary group executes an urgent application at once', executeEmergency, as(w.company.responder), { id, opinion: '情况紧急，先行执行' }, (r) => {
        expect(r).toMatchObject({ status: 'approved', emergencyState: 'pending_review' });
        return [application(id)];
      }),
    ];
  },
  'applications.countersign': async (h) => {
    const w = await walkOf(h);
    const id = await executedInEmergency(h, w);
    return [
      plan('the reviewer countersigns; the review is complete', countersign, as(w.company.reviewer), await taskInput(h, id, w.company.reviewer, 'review'), (r) => {
        expect(r.emergencyState).toBe('reviewed');
        return [application(id)];
      }),
    ];
  },
  'applications.object': async (h) => {
    const w = await walkOf(h);
    const id = await executedInEmergency(h, w);
    return [
      plan('the reviewer objects in writing', objectToEmergency, as(w.company.reviewer), { ...(await taskInput(h, id, w.company.reviewer, 'review')), opinion: '应先走正常流程' }, (r) => {
        expect(r.emergencyState).toBe('reviewed');
        return [application(id)];
      }),
    ];
  },

  // ---- SLA timers (F5), run by the job queue as the system ----
  'applications.slaTick': async (h) => {
    const w = await walkOf(h);
    const c = w.company;
    const reminded = await submitted(h, w);
    const remind = await queuedTick(h, reminded, 'head');

    // The head's one reminder is spent; the same timer firing again escalates to the head's superior.
    const escalated = await submitted(h, w);
    const escalate = await queuedTick(h, escalated, 'head');
    expect(await execute(h.db, timer(), slaTick, escalate)).toEqual({ done: 'reminded' });

    const decided = await atCheck(h, w);
    const decide = await queuedTick(h, decided, 'check');

    // The head approved before the timer fired: the job finds a newer generation on the step.
    const moved = await submitted(h, w);
    const stale = await queuedTick(h, moved, 'head');
    await approveAs(h, moved, c.head);

    return [
      plan('past the deadline: reminds the head', slaTick, timer(), remind, (r) => {
        expect(r).toEqual({ done: 'reminded' });
        return [application(reminded)];
      }),
      plan('reminders spent: escalates to the head\'s superior', slaTick, timer(), escalate, (r) => {
        expect(r).toEqual({ done: 'escalate' });
        return [application(escalated)];
      }),
      plan('no reminders and then approve: approves automatically and finishes the flow', slaTick, timer(), decide, (r) => {
        expect(r).toEqual({ done: 'auto_approve' });
        return [application(decided)];
      }),
      plan('a timer of a step already decided changes nothing', slaTick, timer(), stale, (r) => {
        expect(r).toEqual({ done: 'stale' });
        return [];
      }, { quiet: true }),
    ];
  },
};
