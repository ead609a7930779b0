/** Pure helpers for showing files; unit-tested in format.test.ts. */

/** "1.5 MB", "820 KB", "12 B": binary units, as file managers show them. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 || Number.isInteger(value) ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** The first 12 hex digits: enough to tell files apart at a glance; the full hash is one copy away. */
export const shortSha = (sha256: string) => sha256.slice(0, 12);

export const extensionOf = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
};

/** What the browser can check before sending a file; the server decides for good (it also sniffs the content). */
export function precheck(file: { name: string; size: number }, rules: { maxBytes: number; extensions: readonly string[] } | undefined) {
  if (!rules) return null;
  if (file.size > rules.maxBytes) return 'tooLarge' as const;
  if (!rules.extensions.includes(extensionOf(file.name))) return 'typeNotAllowed' as const;
  return null;
}

/** The `accept` attribute of the file picker: the accepted extensions. */
export const acceptOf = (extensions: readonly string[]) => extensions.map((e) => `.${e}`).join(',');
