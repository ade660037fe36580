import { CircleError, reasonForStatus } from './errors';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface CircleRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  bearer?: string;
  body?: unknown;
  credentials?: RequestCredentials;
  signal?: AbortSignal;
}

function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

async function circleMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: unknown };
    return typeof body.message === 'string' ? body.message.slice(0, 200) : '';
  } catch {
    return '';
  }
}

/**
 * One JSON call to Circle. Errors name the method, the path and Circle's message: never the
 * query string or a header, which is where secrets could be.
 */
export async function requestJson(fetchImpl: FetchLike, url: string, request: CircleRequest = {}): Promise<unknown> {
  const method = request.method ?? 'GET';
  const where = `${method} ${new URL(url).pathname}`;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (request.bearer) headers.Authorization = `Bearer ${request.bearer}`;
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      credentials: request.credentials ?? 'omit',
      signal: request.signal,
    });
  } catch (error) {
    if (request.signal?.aborted) throw error;
    throw new CircleError('network', `${where}: no answer (${error instanceof Error ? error.name : 'error'})`);
  }
  if (!response.ok) {
    const message = await circleMessage(response);
    throw new CircleError(
      reasonForStatus(response.status, message),
      `${where}: ${response.status}${message ? ` ${message}` : ''}`,
      response.status,
      response.status === 429 ? retryAfterMs(response.headers.get('Retry-After'), Date.now()) : undefined,
    );
  }
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CircleError('bad_response', `${where}: the answer is not JSON`, response.status);
  }
}
