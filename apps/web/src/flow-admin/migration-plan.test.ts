import { describe, expect, it } from 'vitest';
import type { ApplicationSummary, SlaState } from '@henji/contracts';
import { incompleteForms, migrateInput, proposedNodeMap, targetsFor, unmappedNodes, waitingNodes } from './migration-plan.ts';
import { purchase } from './test-definitions.ts';

function running(id: string, version: number, nodes: string[], status: ApplicationSummary['status'] = 'running'): ApplicationSummary {
  return {
    id,
    number: null,
    title: id,
    type: { id: 't', code: 'purchase', name: 'Purchase' },
    version,
    status,
    urgent: false,
    emergencyState: 'none',
    initiator: { id: 'u', displayName: 'U' },
    departmentName: null,
    currentNodes: nodes.map((nodeId) => ({ nodeId, nodeName: nodeId.toUpperCase(), since: '2026-01-01T00:00:00Z', deadline: null, slaState: 'none' as SlaState })),
    currentAssignees: [],
    submittedAt: null,
    completedAt: null,
    effectiveAt: null,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    allowedActions: [],
  };
}

describe('migration plan', () => {
  const applications = [
    running('a', 1, ['dept_head']),
    running('b', 1, ['ceo']),
    running('c', 1, ['ceo']),
    running('d', 2, ['finance']),
    running('e', 1, ['legal', 'ceo']),
    running('f', 1, ['finance'], 'returned'),
    running('g', 1, ['finance'], 'approved'),
  ];

  it('counts the running and returned applications of the version at each node, parallel branches included', () => {
    expect(waitingNodes(applications, 1)).toEqual([
      { nodeId: 'ceo', nodeName: 'CEO', count: 3 },
      { nodeId: 'dept_head', nodeName: 'DEPT_HEAD', count: 1 },
      { nodeId: 'finance', nodeName: 'FINANCE', count: 1 },
      { nodeId: 'legal', nodeName: 'LEGAL', count: 1 },
    ]);
  });

  it('proposes the same node where the new version has it with the same type, and names the rest as unmapped', () => {
    const waiting = waitingNodes(applications, 1);
    // Version 1 had a legal approval; version 2 has none, and its finance node became a notice.
    const source = purchase().flow;
    source.nodes.push({ ...source.nodes.find((n) => n.id === 'ceo')!, id: 'legal', name: 'Legal' } as (typeof source.nodes)[number]);
    const target = purchase().flow;
    target.nodes = target.nodes.map((n) => (n.id === 'finance' ? { id: 'finance', name: 'Finance', type: 'notify', recipients: [{ source: 'initiator' }], urgent: false, next: 'end' } : n));
    const map = proposedNodeMap(waiting, source, target);

    expect(map).toEqual({ ceo: 'ceo', dept_head: 'dept_head', finance: undefined, legal: undefined });
    expect(targetsFor('legal', source, target).map((n) => n.id)).toEqual(['dept_head', 'ceo']);
    expect(unmappedNodes(waiting, map, source, target)).toEqual(['finance', 'legal']);
    // A node of another type is no place to continue an approval.
    expect(unmappedNodes(waiting, { ...map, finance: 'ceo', legal: 'by_amount' }, source, target)).toEqual(['legal']);
    expect(unmappedNodes(waiting, { ...map, finance: 'ceo', legal: 'ceo' }, source, target)).toEqual([]);
  });

  it('sends every decision explicitly, and the chosen applications only when not all', () => {
    const waiting = waitingNodes(applications, 1);
    const choice = { fromVersionId: 'v1', toVersionId: 'v2', waiting, nodeMap: { ceo: 'ceo', dept_head: 'dept_head', legal: 'finance' }, reason: '  new flow ' };

    expect(migrateInput({ ...choice, applicationIds: null })).toEqual({
      fromVersionId: 'v1',
      toVersionId: 'v2',
      nodeMap: { ceo: 'ceo', dept_head: 'dept_head', legal: 'finance' },
      reason: 'new flow',
      dryRun: false,
    });
    expect(migrateInput({ ...choice, applicationIds: ['a'] }).applicationIds).toEqual(['a']);
  });

  it('previews before the reason is written, and lists the forms the target version would find incomplete', () => {
    const preview = migrateInput({ fromVersionId: 'v1', toVersionId: 'v2', waiting: [], nodeMap: {}, reason: ' ', applicationIds: null, dryRun: true });
    expect(preview.dryRun).toBe(true);
    expect(preview.reason).not.toBe('');
    const result = { incomplete: [{ id: 'a', title: '采购打印机', missing: [{ key: 'supplier', label: '供应商' }, { key: 'items.spec', label: '明细 › 规格' }] }] };
    expect(incompleteForms(result, '、')).toEqual([{ id: 'a', title: '采购打印机', fields: '供应商、明细 › 规格' }]);
    expect(incompleteForms(undefined, '、')).toEqual([]);
  });
});
