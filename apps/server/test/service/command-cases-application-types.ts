/** The command walker's cases for application types (F1, F2): create, edit, drafts, publish, YAML, migration, built-ins. */
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { execute } from '../../src/kernel/command.ts';
import { bootstrapApplicationTypes, builtinTypeFiles, importApplicationType } from '../../src/modules/applications/commands/builtin.ts';
import { createApplicationType, migrateApplications, publishApplicationType, saveApplicationTypeDraft, updateApplicationType } from '../../src/modules/applications/commands/types.ts';
import { parseTypeFile, typeFileText } from '../../src/modules/applications/definition/yaml.ts';
import { applicationTypes, applicationTypeVersions } from '../../src/modules/applications/schema.ts';
import { callerFor, systemCaller, unique, type TestHenji } from '../harness.ts';
import { admin, application, applicationType, plan, type Case } from './command-plan.ts';
import { newType, typeCode, typeWithTwoVersions, walkDefinition, walkOf } from './application-walk.ts';

export const APPLICATION_TYPE_CASES: Record<string, (h: TestHenji) => Promise<Case[]>> = {
  // ---- Application types (F1, F2) ----
  'applicationTypes.create': async (h) => {
    const { company } = await walkOf(h);
    const caller = callerFor(await admin(h));
    return [
      plan('creates a type with a draft version 1', createApplicationType, caller, newType(company, false), (r) => [applicationType(r.id)]),
      plan('creates a type and publishes it at once', createApplicationType, caller, newType(company, true), (r) => [applicationType(r.id)]),
    ];
  },
  'applicationTypes.update': async (h) => {
    const w = await walkOf(h);
    const caller = callerFor(await admin(h));
    const { id } = await execute(h.db, caller, createApplicationType, newType(w.company, true));
    return [
      plan('renames it and takes it out of the catalogue', updateApplicationType, caller, { id, name: '改名的走查申请', active: false }, () => [applicationType(id)]),
      plan('an update that changes nothing is not traced', updateApplicationType, caller, { id, name: '改名的走查申请' }, () => [], { quiet: true }),
    ];
  },
  'applicationTypes.saveDraft': async (h) => {
    const w = await walkOf(h);
    const caller = callerFor(await admin(h));
    const { id } = await execute(h.db, caller, createApplicationType, newType(w.company, true));
    const changed = walkDefinition(w.company, 'lead');
    return [
      plan('starts version 2 as a draft', saveApplicationTypeDraft, caller, { id, definition: changed }, (r) => {
        expect(r).toMatchObject({ version: 2, status: 'draft' });
        return [applicationType(id)];
      }),
      plan('saving the same draft again changes nothing', saveApplicationTypeDraft, caller, { id, definition: changed }, () => [], { quiet: true }),
    ];
  },
  'applicationTypes.publish': async (h) => {
    const w = await walkOf(h);
    const caller = callerFor(await admin(h));
    const { id } = await execute(h.db, caller, createApplicationType, newType(w.company, false));
    const [v1] = await h.db.select().from(applicationTypeVersions).where(eq(applicationTypeVersions.typeId, id));
    const published = await execute(h.db, caller, createApplicationType, newType(w.company, true));
    const v2 = await execute(h.db, caller, saveApplicationTypeDraft, { id: published.id, definition: walkDefinition(w.company, 'lead') });
    return [
      plan('publishes the first version', publishApplicationType, caller, { id, versionId: v1!.id }, (r) => {
        expect(r.status).toBe('published');
        return [applicationType(id)];
      }),
      plan('publishes version 2; version 1 is superseded', publishApplicationType, caller, { id: published.id, versionId: v2.id }, (r) => {
        expect(r).toMatchObject({ version: 2, status: 'published' });
        return [applicationType(published.id)];
      }),
    ];
  },
  'applicationTypes.import': async (h) => {
    const w = await walkOf(h);
    const caller = callerFor(await admin(h));
    const fresh = typeFileText({ code: typeCode(), name: '导入的申请', category: '测试', description: '' }, walkDefinition(w.company));
    const existing = await execute(h.db, caller, createApplicationType, newType(w.company, true));
    const [type] = await h.db.select().from(applicationTypes).where(eq(applicationTypes.id, existing.id));
    const revised = typeFileText(type!, walkDefinition(w.company, 'lead'));
    return [
      plan('loads a new type from YAML', importApplicationType, caller, { yaml: fresh, publish: false }, (r) => {
        expect(r.created).toBe(true);
        return [applicationType(r.id)];
      }),
      plan('loads a new version of an existing type and publishes it', importApplicationType, caller, { yaml: revised, publish: true }, (r) => {
        expect(r).toEqual({ id: existing.id, created: false });
        return [applicationType(existing.id)];
      }),
    ];
  },
  'applicationTypes.migrate': async (h) => {
    const w = await walkOf(h);
    const caller = callerFor(await admin(h));
    const t = await typeWithTwoVersions(h, w, caller);
    return [
      plan('moves a running application to version 2, mapping its node', migrateApplications, caller, {
        id: t.typeId,
        fromVersionId: t.fromVersionId,
        toVersionId: t.toVersionId,
        nodeMap: { head: 'lead' },
        reason: '流程调整，节点改名',
      }, (r) => {
        expect(r.migrated).toBe(1);
        return [applicationType(t.typeId), application(t.appId)];
      }),
    ];
  },
  'applicationTypes.bootstrap': async (h) => {
    // As if the built-in 通用申请 had never been loaded on this database (its old row keeps another code): the next
    // start loads it again, published.
    const { code } = parseTypeFile(builtinTypeFiles().find((f) => f.file === 'general.yaml')!.text);
    await h.db.update(applicationTypes).set({ code: unique('former_general_') }).where(eq(applicationTypes.code, code));
    return [
      plan('loads a built-in type that is missing', bootstrapApplicationTypes, systemCaller, {}, (r) => {
        expect(r.created).toEqual([code]);
        return [];
      }),
      plan('a second run changes nothing when the built-ins exist', bootstrapApplicationTypes, systemCaller, {}, (r) => {
        expect(r.created).toEqual([]);
        return [];
      }, { quiet: true }),
    ];
  },

  // ---- The applicant (F1, F3) ----
};
