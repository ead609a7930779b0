import { describe, expect, it } from 'vitest';
import { appPath } from './links.ts';

describe('appPath', () => {
  it('follows paths of this app only', () => {
    expect(appPath('/applications/42')).toBe('/applications/42');
    expect(appPath('/notifications?unread=true')).toBe('/notifications?unread=true');
    expect(appPath(null)).toBeNull();
    for (const link of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', 'applications/1', '']) {
      expect(appPath(link), link).toBeNull();
    }
  });
});
