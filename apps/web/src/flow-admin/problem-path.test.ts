import { describe, expect, it } from 'vitest';
import { messagesAt, pathSegments, problemTarget, problemsFromFields, problemsOf } from './problem-path.ts';
import { purchase } from './test-definitions.ts';

describe('problem paths', () => {
  it('reads both the flow check and the request schema notation', () => {
    expect(pathSegments('flow.nodes[2].next')).toEqual(['flow', 'nodes', 2, 'next']);
    expect(pathSegments('definition.flow.nodes.2.branches.0.when.1.value')).toEqual([
      'definition', 'flow', 'nodes', 2, 'branches', 0, 'when', 1, 'value',
    ]);
    expect(pathSegments('form.fields[1].columns[0].key')).toEqual(['form', 'fields', 1, 'columns', 0, 'key']);
  });

  it('points a path at the node, field or settings it is about', () => {
    const definition = purchase();
    expect(problemTarget(definition, 'flow.nodes[2].approvers.role')).toEqual({ area: 'node', nodeId: 'ceo', property: 'approvers.role' });
    expect(problemTarget(definition, 'definition.form.fields.1.min')).toEqual({ area: 'field', index: 1, key: 'amount', property: 'min' });
    expect(problemTarget(definition, 'flow.start')).toEqual({ area: 'flow', property: 'start' });
    expect(problemTarget(definition, 'emergency.reviewers[0]')).toEqual({ area: 'flow', property: 'emergency.reviewers.0' });
    expect(problemTarget(definition, 'titleField')).toEqual({ area: 'form', property: 'titleField' });
    // A node index the local definition no longer has (edited since the check ran) is about the flow as a whole.
    expect(problemTarget(definition, 'flow.nodes[9].next')).toEqual({ area: 'flow', property: 'nodes.9.next' });
  });

  it('collects the messages of a property and its parts', () => {
    const definition = purchase();
    const problems = problemsFromFields({
      'flow.nodes[3].sla.within.amount': ['too long'],
      'flow.nodes[3].sla': ['no calendar'],
      'flow.nodes[3].next': ['unknown node'],
      'flow.nodes[2].next': ['elsewhere'],
    });
    const finance = problemsOf(definition, problems, (t) => t.area === 'node' && t.nodeId === 'finance');

    expect(messagesAt(finance, 'sla').sort()).toEqual(['no calendar', 'too long']);
    expect(messagesAt(finance, 'next')).toEqual(['unknown node']);
    expect(messagesAt(finance, 'slack')).toEqual([]);
  });
});
