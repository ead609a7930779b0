/**
 * The role home pages (issue 9, item 4): the administrator's setup checklist, each person's own work, and the
 * overview of what waits on whom for the CEO (the whole company) and department heads (their department subtree).
 */
import { z } from 'zod';
import { SETUP_ITEMS } from './values.ts';

export const SetupItem = z
  .object({
    key: z.enum(SETUP_ITEMS),
    done: z.boolean(),
    available: z.boolean().describe('false for what Henji cannot do yet (backups): shown, never counted'),
    link: z.string().nullable().describe('the web page that does it'),
    count: z.number().int().nullable().describe('how many there are (departments, people, channels, published types)'),
    year: z.number().int().nullable().describe('calendar_next_year: the year the calendars must know'),
    missing: z.array(z.string()).describe('what is still missing, e.g. "name", "logo", or the calendars lacking the year'),
  })
  .meta({ id: 'SetupItem' });
export type SetupItem = z.infer<typeof SetupItem>;

export const SetupChecklist = z
  .object({ items: z.array(SetupItem), done: z.number().int(), total: z.number().int() })
  .meta({ id: 'SetupChecklist' });
export type SetupChecklist = z.infer<typeof SetupChecklist>;

const Ref = z.object({ id: z.uuid(), displayName: z.string() });

export const HomeTodo = z
  .object({
    taskId: z.uuid(),
    applicationId: z.uuid(),
    number: z.string().nullable(),
    title: z.string(),
    typeName: z.string(),
    nodeName: z.string(),
    initiator: Ref,
    receivedAt: z.string(),
    deadline: z.string().nullable(),
    overdue: z.boolean(),
  })
  .meta({ id: 'HomeTodo' });
export type HomeTodo = z.infer<typeof HomeTodo>;

export const HomeApplication = z
  .object({
    id: z.uuid(),
    number: z.string().nullable(),
    title: z.string(),
    typeName: z.string(),
    status: z.enum(['draft', 'running', 'returned']),
    waitingAt: z.array(z.string()).describe('names of the nodes it waits at'),
    updatedAt: z.string(),
  })
  .meta({ id: 'HomeApplication' });
export type HomeApplication = z.infer<typeof HomeApplication>;

export const HomeTrackedTask = z
  .object({
    id: z.uuid(),
    number: z.string().nullable(),
    title: z.string(),
    status: z.string(),
    deadline: z.string().nullable(),
    overdue: z.boolean(),
  })
  .meta({ id: 'HomeTrackedTask' });
export type HomeTrackedTask = z.infer<typeof HomeTrackedTask>;

export const PersonalHome = z
  .object({
    todos: z.object({
      pending: z.number().int().describe('approvals and reviews waiting on me'),
      overdue: z.number().int().describe('…of which past their deadline'),
      oldest: z.array(HomeTodo).describe('the longest-waiting ones, oldest first (at most 5)'),
    }),
    applications: z.object({ inProgress: z.number().int(), items: z.array(HomeApplication) }),
    tasks: z.object({ open: z.number().int(), overdue: z.number().int(), items: z.array(HomeTrackedTask) }),
  })
  .meta({ id: 'PersonalHome' });
export type PersonalHome = z.infer<typeof PersonalHome>;

export const OverviewByNode = z.object({
  typeName: z.string(),
  nodeName: z.string(),
  pending: z.number().int(),
  overdue: z.number().int(),
});
export const OverviewByPerson = z.object({
  user: Ref,
  departmentName: z.string().nullable(),
  pending: z.number().int(),
  overdue: z.number().int(),
  oldestSince: z.string().describe('when the oldest task waiting on them arrived'),
});

export const HomeOverview = z
  .object({
    scope: z.enum(['company', 'departments']),
    departments: z.array(z.object({ id: z.uuid(), name: z.string() })).describe('the departments (with their subtrees) it covers; empty for the company'),
    pending: z.number().int(),
    overdue: z.number().int(),
    byNode: z.array(OverviewByNode),
    byPerson: z.array(OverviewByPerson),
    trackedTasks: z.object({ open: z.number().int(), overdue: z.number().int(), awaitingOwner: z.number().int() }),
  })
  .meta({ id: 'HomeOverview' });
export type HomeOverview = z.infer<typeof HomeOverview>;
