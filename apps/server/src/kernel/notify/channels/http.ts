/** One JSON POST to a robot or an SMS provider, with failures turned into text the delivery log can show. */
const TIMEOUT_MS = 10_000;

export interface JsonAnswer {
  status: number;
  /** The parsed body, or null when it is not JSON. */
  body: unknown;
}

export async function postJson(url: string, payload: unknown, headers: Record<string, string> = {}): Promise<JsonAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Henji-Notify/1', ...headers },
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(TIMEOUT_MS),
    // A redirect could carry the message (and a robot's key) elsewhere: treat it as a failure.
    redirect: 'manual',
  }).catch((error: unknown) => {
    throw new Error(`the request failed: ${networkFailure(error)}`);
  });
  const text = await response.text().catch(() => '');
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: response.status, body };
}

/** fetch() reports every network failure as "fetch failed"; the reason (ECONNREFUSED, a timeout …) is in its cause. */
export function networkFailure(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (!(cause instanceof Error)) return String(cause);
  const code = 'code' in cause && typeof cause.code === 'string' ? cause.code : '';
  return code && !cause.message.includes(code) ? `${code}: ${cause.message}` : cause.message;
}
