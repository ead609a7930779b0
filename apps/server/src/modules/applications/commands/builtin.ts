/**
 * Built-in application types (F7) live as YAML files in ../flows and are loaded on start: a missing type is created
 * and published; an existing one is left as administrators made it (their edits are versions of their own).
 * `importApplicationType` loads a YAML text the same way from the API; for an existing code it also applies the file's
 * name, category and description.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import type { ApplicationTypeFile, ImportApplicationTypeInput } from '@henji/contracts';
import { requirePermission } from '../../../kernel/access/policy.ts';
import { defineCommand, type Ctx } from '../../../kernel/command.ts';
import { parseTypeFile } from '../definition/yaml.ts';
import { applicationTypes } from '../schema.ts';
import { createApplicationType, publishApplicationType, saveApplicationTypeDraft, updateApplicationType } from './types.ts';

const FLOWS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'flows');

export const builtinTypeFiles = (): { file: string; text: string }[] =>
  readdirSync(FLOWS_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => ({ file, text: readFileSync(path.join(FLOWS_DIR, file), 'utf8') }));

async function loadTypeFile(ctx: Ctx, file: ApplicationTypeFile, options: { publish: boolean; builtin: boolean }) {
  const { code, name, category, description, ...definition } = file;
  const [existing] = await ctx.tx.select().from(applicationTypes).where(eq(applicationTypes.code, code));
  if (!existing) {
    const { id } = await createApplicationType.run(ctx, { code, name, category, description, definition, builtin: options.builtin, publish: options.publish });
    return { id, created: true };
  }
  // The file speaks for the catalogue entry too: a changed name, category or description is applied (and traced as
  // application_type.update), never silently dropped.
  await updateApplicationType.run(ctx, { id: existing.id, name, category, description });
  const draft = await saveApplicationTypeDraft.run(ctx, { id: existing.id, definition });
  if (options.publish) await publishApplicationType.run(ctx, { id: existing.id, versionId: draft.id });
  return { id: existing.id, created: false };
}

export const importApplicationType = defineCommand('applicationTypes.import', async (ctx, input: ImportApplicationTypeInput) => {
  requirePermission(ctx.actor, 'flow.manage');
  return loadTypeFile(ctx, parseTypeFile(input.yaml), { publish: input.publish, builtin: false });
});

export const bootstrapApplicationTypes = defineCommand('applicationTypes.bootstrap', async (ctx, _input: Record<string, never>) => {
  const created: string[] = [];
  for (const { text } of builtinTypeFiles()) {
    const file = parseTypeFile(text);
    const [existing] = await ctx.tx.select({ id: applicationTypes.id }).from(applicationTypes).where(eq(applicationTypes.code, file.code));
    if (existing) continue;
    await loadTypeFile(ctx, file, { publish: true, builtin: true });
    created.push(file.code);
  }
  return { created };
});
