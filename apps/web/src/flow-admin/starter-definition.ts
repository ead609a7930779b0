/**
 * What a new application type starts with: a title field and one approval by the department head, which is the
 * smallest definition the publish check accepts. The administrator changes it in the designer before publishing.
 */
import type { ApplicationDefinition } from '@henji/contracts';
import { nodeSkeleton, type NodeNames } from './node-skeleton.ts';

export function starterDefinition(titleLabel: string, names: NodeNames): ApplicationDefinition {
  const form = { fields: [{ key: 'title', label: titleLabel, type: 'text' as const, required: true, maxLength: 100 }] };
  const approval = { ...nodeSkeleton('approval', 'dept_head', names, form, 'end'), name: names.approval };
  return {
    form,
    titleField: 'title',
    flow: { start: 'dept_head', nodes: [approval, nodeSkeleton('end', 'end', names, form, 'end')] },
  };
}
