/**
 * One JSON POST to a robot or an SMS provider, only to allowed addresses (outbound/post.ts), with failures turned
 * into text the delivery log can show.
 */
import { getGuarded, postGuarded } from '../../outbound/post.ts';

const TIMEOUT_MS = 10_000;

export interface JsonAnswer {
  status: number;
  /** The parsed body, or null when it is not JSON. */
  body: unknown;
}

export async function postJson(url: string, payload: unknown, headers: Record<string, string> = {}): Promise<JsonAnswer> {
  const response = await postGuarded(
    url,
    JSON.stringify(payload),
    { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Henji-Notify/1', ...headers },
    TIMEOUT_MS,
  ).catch((error: unknown) => {
    throw new Error(`the request failed: ${networkFailure(error)}`);
  });
  const text = response.text;
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: response.status, body };
}

/** One GET under the same rules (the platforms' token and user endpoints). */
export async function getJson(url: string, headers: Record<string, string> = {}): Promise<JsonAnswer> {
  const response = await getGuarded(url, { accept: 'application/json', 'user-agent': 'Henji-Notify/1', ...headers }, TIMEOUT_MS).catch((error: unknown) => {
    throw new Error(`the request failed: ${networkFailure(error)}`);
  });
  try {
    return { status: response.status, body: response.text ? JSON.parse(response.text) : null };
  } catch {
    return { status: response.status, body: null };
  }
}

/** A network failure as text: its code (ECONNREFUSED, ETIMEDOUT …) and message, or those of its cause. */
export function networkFailure(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (!(cause instanceof Error)) return String(cause);
  const code = 'code' in cause && typeof cause.code === 'string' ? cause.code : '';
  return code && !cause.message.includes(code) ? `${code}: ${cause.message}` : cause.message;
}
