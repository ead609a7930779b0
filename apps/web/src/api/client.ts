/**
 * The one way the web app talks to the server: same-origin `/api/...`, JSON in and out, the session cookie sent by the
 * browser, and the CSRF token from the current Me attached to every unsafe request.
 *
 * Response bodies are trusted as the contract types without parsing: the server validates its responses against the
 * same schemas in @henji/contracts, and parsing every list again in the browser would only cost time.
 */
import type { ErrorBody } from '@henji/contracts';

/** Error codes the client itself produces, next to the server's catalogue in @henji/contracts. */
export type ClientErrorCode = 'network_error' | 'bad_response';

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** Field path → messages, as sent by the server for `validation_failed` (and sometimes `conflict`). */
  get fieldErrors(): Record<string, string[]> {
    const fields = this.details['fields'];
    if (fields === null || typeof fields !== 'object') return {};
    const out: Record<string, string[]> = {};
    for (const [path, messages] of Object.entries(fields)) {
      if (Array.isArray(messages)) out[path] = messages.filter((m): m is string => typeof m === 'string');
      else if (typeof messages === 'string') out[path] = [messages];
    }
    return out;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;
let onCsrfFailed: (() => void) | null = null;

/** Set from every Me the client sees (GET /api/me, login); cleared on logout. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export interface SessionHandlers {
  /** An authenticated request answered 401: the session ended under us, and the app shows the login page. */
  unauthenticated: () => void;
  /** The server rejected our CSRF token (rotated with the session): the app reloads Me so a retry carries the new one. */
  csrfFailed: () => void;
}

export function setSessionHandlers(handlers: SessionHandlers | null): void {
  onUnauthenticated = handlers?.unauthenticated ?? null;
  onCsrfFailed = handlers?.csrfFailed ?? null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Query values that are undefined, null or '' are left out, so callers can pass optional filters as they are. */
export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: QueryParams;
  /** A plain value is sent as JSON; FormData is sent as multipart and the browser sets the boundary. */
  body?: unknown;
  signal?: AbortSignal;
  /** Requests whose 401 is an expected answer (GET /api/me, login) must not end the session. */
  expectUnauthenticated?: boolean;
}

export function apiUrl(path: string, query?: QueryParams): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  if (response.status === 204) return undefined as T;

  const text = await response.text();
  if (text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(response.status, 'bad_response' satisfies ClientErrorCode, 'response is not JSON');
  }
}

/**
 * A file the API builds (an xlsx export), fetched like any other request — the page's language, the session ending
 * on a 401, errors as ApiError — with the name from its `Content-Disposition` header (null when there is none).
 */
export async function apiFile(path: string, query?: QueryParams): Promise<{ blob: Blob; disposition: string | null }> {
  const response = await send(path, { query });
  return { blob: await response.blob(), disposition: response.headers.get('content-disposition') };
}

/** Sends a request and returns its response once it is known to be a success; every failure is an ApiError. */
async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  // The page language is the user's current choice, so server messages (validation errors) come back in it too.
  const headers = new Headers({ accept: 'application/json', 'accept-language': document.documentElement.lang || 'zh-CN' });
  let body: BodyInit | undefined;

  if (!SAFE_METHODS.has(method)) {
    if (csrfToken) headers.set('x-csrf-token', csrfToken);
    if (options.body instanceof FormData) {
      body = options.body;
    } else {
      // Unsafe requests always carry a JSON object, even an empty one: a server route with a body schema rejects a
      // missing body, and one without a schema ignores `{}`.
      headers.set('content-type', 'application/json');
      body = JSON.stringify(options.body ?? {});
    }
  }

  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error' satisfies ClientErrorCode, cause instanceof Error ? cause.message : String(cause));
  }

  if (response.status === 401 && !options.expectUnauthenticated) onUnauthenticated?.();
  if (!response.ok) {
    const error = await errorFrom(response);
    if (error.code === 'csrf_failed') onCsrfFailed?.();
    throw error;
  }
  return response;
}

async function errorFrom(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const parsed: unknown = JSON.parse(text);
    if (isErrorBody(parsed)) return new ApiError(response.status, parsed.code, parsed.message, parsed.details);
  } catch {
    // Not JSON: a proxy or the static server answered. Fall through to a generic error with the status line.
  }
  return new ApiError(response.status, response.status >= 500 ? 'internal' : 'bad_response', response.statusText || `HTTP ${response.status}`);
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (value === null || typeof value !== 'object') return false;
  const { code, message, details } = value as Record<string, unknown>;
  return (
    typeof code === 'string' &&
    typeof message === 'string' &&
    (details === undefined || (details !== null && typeof details === 'object' && !Array.isArray(details)))
  );
}

export interface UploadOptions {
  /** Called as the request body goes out, with the fraction sent (0–1). */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * POSTs a multipart form like `api()`, with the CSRF token and the page language, but through XMLHttpRequest: fetch()
 * cannot report upload progress, and a large file needs it. Errors are the same ApiErrors.
 */
export function apiUpload<T>(path: string, form: FormData, options: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', document.documentElement.lang || 'zh-CN');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(event.loaded / event.total);
    };
    const abort = () => xhr.abort();
    options.signal?.addEventListener('abort', abort, { once: true });
    const settle = () => options.signal?.removeEventListener('abort', abort);
    xhr.onabort = () => {
      settle();
      reject(new DOMException('The upload was aborted', 'AbortError'));
    };
    xhr.onerror = () => {
      settle();
      reject(new ApiError(0, 'network_error' satisfies ClientErrorCode, 'the upload failed'));
    };
    xhr.onload = () => {
      settle();
      const response = new Response(xhr.status === 204 || xhr.status === 304 ? null : xhr.responseText, {
        status: xhr.status,
        statusText: xhr.statusText,
      });
      if (xhr.status === 401) onUnauthenticated?.();
      if (xhr.status < 200 || xhr.status >= 300) {
        void errorFrom(response).then((error) => {
          if (error.code === 'csrf_failed') onCsrfFailed?.();
          reject(error);
        });
        return;
      }
      try {
        resolve((xhr.responseText === '' ? undefined : JSON.parse(xhr.responseText)) as T);
      } catch {
        reject(new ApiError(xhr.status, 'bad_response' satisfies ClientErrorCode, 'response is not JSON'));
      }
    };
    xhr.send(form);
  });
}
