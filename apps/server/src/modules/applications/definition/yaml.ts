/**
 * Definition files (F1: "definitions can also be written as YAML files and loaded"): parsing with precise errors,
 * and writing a published version back out in the same shape.
 */
import { parse, stringify, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { ApplicationTypeFile, type ApplicationDefinition } from '@henji/contracts';
import { DomainError, invalid } from '../../../kernel/errors.ts';
import { msg, type Message } from '../../../kernel/messages.ts';

export function parseTypeFile(text: string): ApplicationTypeFile {
  let data: unknown;
  try {
    data = parse(text, { prettyErrors: true, maxAliasCount: 50 });
  } catch (error) {
    const detail = error instanceof YAMLParseError ? error.message.split('\n')[0]! : String(error);
    throw invalid({ yaml: msg('flow.yaml_invalid', { detail }) });
  }
  const parsed = ApplicationTypeFile.safeParse(data);
  if (!parsed.success) {
    const fields: Record<string, Message[]> = {};
    for (const issue of parsed.error.issues) {
      const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
      fields[path || 'yaml'] ??= [msg('flow.yaml_invalid', { detail: path ? `${path}: ${issue.message}` : issue.message })];
    }
    throw new DomainError('validation_failed', msg('flow.yaml_shape'), { fields });
  }
  return parsed.data;
}

export function typeFileText(type: { code: string; name: string; category: string; description: string }, definition: ApplicationDefinition): string {
  const file: z.input<typeof ApplicationTypeFile> = { code: type.code, name: type.name, category: type.category, description: type.description, ...definition };
  return stringify(file, { lineWidth: 120 });
}
