import { describe, expect, it } from 'vitest';
import { deviationOf } from './monitor.ts';

const usual = new Map([['head', 120], ['finance', 30], ['fast', 0]]);
const usualOf = (nodeId: string) => usual.get(nodeId);
const node = (nodeId: string, minutes: number) => ({ nodeId, nodeName: `节点 ${nodeId}`, minutes });

describe('deviations (偏离常规)', () => {
  it('flags a node waiting longer than its usual P90', () => {
    expect(deviationOf([node('head', 121)], usualOf)).toEqual({ nodeId: 'head', nodeName: '节点 head', waitingMinutes: 121, usualMinutes: 120 });
    expect(deviationOf([node('head', 120)], usualOf)).toBeNull();
  });

  it('does not judge nodes without history, nor waits under an hour', () => {
    expect(deviationOf([node('new', 10_000)], usualOf)).toBeNull();
    expect(deviationOf([node('fast', 59)], usualOf)).toBeNull();
    expect(deviationOf([node('finance', 59)], usualOf)).toBeNull();
    expect(deviationOf([node('fast', 60)], usualOf)?.nodeId).toBe('fast');
  });

  it('reports the parallel node furthest beyond its usual time', () => {
    // head: 80 minutes over; finance: 170 minutes over.
    expect(deviationOf([node('head', 200), node('finance', 200)], usualOf)?.nodeId).toBe('finance');
  });
});
