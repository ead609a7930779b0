/**
 * The publish check and request validation name what is wrong by a path into the definition: `flow.nodes[2].next`,
 * `form.fields[1].options` (the flow check) or `definition.flow.nodes.2.next` (a request schema). This turns a path into
 * the thing the designer can select — a node, a field, the flow settings — and the property within it.
 */
import type { ApplicationDefinition } from '@henji/contracts';

export interface Problem {
  path: string;
  message: string;
}

export type ProblemTarget =
  | { area: 'node'; nodeId: string; property: string }
  | { area: 'field'; index: number; key: string | undefined; property: string }
  /** The flow as a whole (its start, the node list) and its settings: calendar, emergency decisions. */
  | { area: 'flow'; property: string }
  /** The form as a whole (no fields) and the title field. */
  | { area: 'form'; property: string };

/** `flow.nodes[2].next` and `flow.nodes.2.next` → ['flow', 'nodes', 2, 'next']. */
export function pathSegments(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const part of path.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      segments.push(part);
      continue;
    }
    const [, name = '', indexes = ''] = match;
    if (name !== '') segments.push(/^\d+$/.test(name) ? Number(name) : name);
    for (const index of indexes.matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}

/** The rest of a path as the property names editors use: `approvers.username`, `branches.0.when.1.value`. */
const propertyOf = (segments: readonly (string | number)[]) => segments.map(String).join('.');

export function problemTarget(definition: ApplicationDefinition, path: string): ProblemTarget {
  let segments = pathSegments(path);
  // A request schema names the body's member first; the flow check starts inside the definition.
  if (segments[0] === 'definition') segments = segments.slice(1);
  const [area, list, index, ...rest] = segments;

  if (area === 'flow' && list === 'nodes' && typeof index === 'number') {
    const node = definition.flow.nodes[index];
    if (node) return { area: 'node', nodeId: node.id, property: propertyOf(rest) };
  }
  if (area === 'form' && list === 'fields' && typeof index === 'number' && definition.form.fields[index]) {
    return { area: 'field', index, key: definition.form.fields[index]?.key, property: propertyOf(rest) };
  }
  if (area === 'form' || area === 'titleField') return { area: 'form', property: propertyOf(segments.slice(area === 'form' ? 1 : 0)) };
  return { area: 'flow', property: propertyOf(area === 'flow' ? segments.slice(1) : segments) };
}

/**
 * The messages for one property of a target, including those about its parts: asking for `sla` also returns
 * problems at `sla.within.amount` (unless `exact`). An empty property asks for the problems about the target itself.
 */
export function messagesAt(problems: readonly { target: ProblemTarget; message: string }[], property: string, exact = false): string[] {
  return problems
    .filter(({ target }) => target.property === property || (!exact && property !== '' && target.property.startsWith(`${property}.`)))
    .map((p) => p.message);
}

/** The problems of one node, one field, or the flow or form settings, each with its target for `messagesAt`. */
export function problemsOf(
  definition: ApplicationDefinition,
  problems: readonly Problem[],
  matches: (target: ProblemTarget) => boolean,
): { target: ProblemTarget; message: string }[] {
  return problems.map((p) => ({ target: problemTarget(definition, p.path), message: p.message })).filter((p) => matches(p.target));
}

/** Problems from an API error's `details.fields` (a 400 on publish or on a schema failure). */
export function problemsFromFields(fields: Record<string, string[]>): Problem[] {
  return Object.entries(fields).flatMap(([path, messages]) => messages.map((message) => ({ path, message })));
}

/** How editors ask for the live check's messages about a property of what they edit. */
export type MessagesAt = (property: string, exact?: boolean) => string[];
