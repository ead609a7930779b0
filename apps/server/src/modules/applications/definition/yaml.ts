/**
 * Definition files (F1: "definitions can also be written as YAML files and loaded"): parsing with precise errors,
 * and writing a published version back out in the same shape.
 */
import { parse, stringify, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { ApplicationTypeFile, type ApplicationDefinition } from '@henji/contracts';
import { DomainError, invalid } from '../../../kernel/errors.ts';
import { msg } from '../../../kernel/messages.ts';

/**
 * Reads a definition file. Two kinds of failure, told apart: text that is not YAML at all (`flow.yaml_invalid`, with
 * the parser's line and column), and YAML whose shape is not a definition (`flow.yaml_shape`), each zod issue kept
 * whole under its path (`flow.nodes[2].approvers`) so that the answer renders it in the request's language.
 */
export function parseTypeFile(text: string): ApplicationTypeFile {
  let data: unknown;
  try {
    data = parse(text, { prettyErrors: true, maxAliasCount: 50 });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const [at] = error.linePos ?? [];
      const detail = error.message.split('\n')[0]!;
      throw invalid({ yaml: at ? msg('flow.yaml_syntax_at', { line: at.line, column: at.col, detail }) : msg('flow.yaml_invalid', { detail }) }, msg('flow.yaml_syntax'));
    }
    throw invalid({ yaml: msg('flow.yaml_invalid', { detail: String(error) }) }, msg('flow.yaml_syntax'));
  }
  const parsed = ApplicationTypeFile.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    const issues: Record<string, z.core.$ZodIssue[]> = {};
    for (const issue of parsed.error.issues) (issues[pathOf(issue.path) || 'yaml'] ??= []).push(issue);
    throw new DomainError('validation_failed', msg('flow.yaml_shape'), { issues });
  }
  return parsed.data;
}

/** `['flow', 'nodes', 2, 'next']` → `flow.nodes[2].next`, the paths the designer and the publish check use. */
const pathOf = (path: readonly PropertyKey[]) => path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');

export function typeFileText(type: { code: string; name: string; category: string; description: string }, definition: ApplicationDefinition): string {
  const file: z.input<typeof ApplicationTypeFile> = { code: type.code, name: type.name, category: type.category, description: type.description, ...definition };
  return stringify(file, { lineWidth: 120 });
}
