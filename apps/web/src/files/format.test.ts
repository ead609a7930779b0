import { describe, expect, it } from 'vitest';
import { acceptOf, formatBytes, precheck, shortSha } from './format.ts';

describe('showing files', () => {
  it('formats sizes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB');
    expect(formatBytes(150.4 * 1024 * 1024)).toBe('150 MB');
  });

  it('shortens a SHA-256 to 12 hex digits', () => {
    expect(shortSha('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')).toBe('e3b0c44298fc');
  });

  it('prechecks size and extension before uploading, and lets everything through until the rules are known', () => {
    const rules = { maxBytes: 1000, extensions: ['pdf', 'ofd'] };
    expect(precheck({ name: '发票.OFD', size: 10 }, rules)).toBeNull();
    expect(precheck({ name: 'big.pdf', size: 1001 }, rules)).toBe('tooLarge');
    expect(precheck({ name: 'run.exe', size: 10 }, rules)).toBe('typeNotAllowed');
    expect(precheck({ name: 'noext', size: 10 }, rules)).toBe('typeNotAllowed');
    expect(precheck({ name: 'run.exe', size: 10 }, undefined)).toBeNull();
    expect(acceptOf(['pdf', 'ofd'])).toBe('.pdf,.ofd');
  });
});
