import { customType, timestamp } from 'drizzle-orm/pg-core';

/** bytea as Uint8Array; node-postgres returns a Buffer (a Uint8Array), PGlite a Uint8Array. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
