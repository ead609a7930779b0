/** The shape of the authorization matrix (authz-matrix.test.ts), shared with the files that hold some of its rows. */

/** 'ok' is any 2xx; a number is the exact error status. */
export type Outcome = 'ok' | 401 | 403 | 404;
export type Role = 'anonymous' | 'employee' | 'admin';
export type Headers = Record<string, string>;

export interface Caller {
  role: Role;
  /** Cookie and x-csrf-token of the caller's session; empty for anonymous. */
  headers: Headers;
  /** Who the caller is; for anonymous, the employee stands in where a request names "oneself". */
  userId: string;
  /** A new signed-in user with the caller's roles, for requests that end the session or change the password. */
  fresh(): Promise<{ headers: Headers; userId: string }>;
}

export interface RequestSpec {
  /** Defaults to the path of the table key, which must then have no placeholders. */
  url?: string;
  /** Sent as JSON. */
  json?: object;
  /** Sent as is, with its content type. */
  raw?: { contentType: string; body: string };
  /** Replace the caller's authentication headers. */
  headers?: Headers;
}

export interface Row extends Record<Role, Outcome> {
  /** A valid request for the route, built from fresh data for this caller. */
  request?: (caller: Caller) => Promise<RequestSpec>;
  /** Served, but deliberately not part of the OpenAPI document (the documentation itself). */
  undocumented?: true;
  /** Unsafe, yet callable without x-csrf-token. */
  csrfExempt?: true;
}
