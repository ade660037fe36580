/**
 * The HTTP side: a tiny router, JSON in and out, Circle's error bodies, and permissive CORS
 * (extension pages fetch the simulator from their own origin).
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { CircleError } from './errors';

export interface RouteRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  params: Record<string, string>;
  body: unknown;
}

export interface Reply {
  status: number;
  body?: unknown;
}

export type Handler = (req: RouteRequest) => Reply | Promise<Reply>;

export interface Route {
  method: string;
  pattern: string;
  handler: Handler;
}

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
}

export const json = (body: unknown, status = 200): Reply => ({ status, body });
export const noContent = (): Reply => ({ status: 204 });

/** A path parameter the route pattern guarantees. */
export function param(req: RouteRequest, name: string): string {
  const value = req.params[name];
  if (value === undefined) throw new Error(`route has no :${name}`);
  return value;
}

const MAX_BODY_BYTES = 1_000_000;

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new CircleError(413, 'Request body too large.');
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CircleError(400, 'The request body is not valid JSON.');
  }
}

function corsHeaders(req: IncomingMessage): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': req.headers.origin ?? '*',
    'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'Authorization, Content-Type',
    'Access-Control-Allow-Private-Network': 'true',
    'Access-Control-Max-Age': '600',
    Vary: 'Origin',
  };
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.pattern
    .split('/')
    .map((part) => {
      if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(part.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { ...route, regex: new RegExp(`^${source}/?$`), names };
}

export function errorBody(error: CircleError): Record<string, unknown> {
  return { success: false, message: error.message, error_details: error.details };
}

export function createRequestHandler(routes: Route[], fallback: (req: IncomingMessage, res: ServerResponse) => boolean) {
  const compiled = routes.map(compile);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const cors = corsHeaders(req);
    const send = (status: number, body?: unknown): void => {
      const headers: Record<string, string> = { ...cors };
      if (body !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
      res.writeHead(status, headers);
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (req.method === 'OPTIONS') {
      send(204);
      return;
    }
    if (fallback(req, res)) return;
    const url = new URL(req.url ?? '/', 'http://simulator');
    const method = req.method ?? 'GET';
    const matches = compiled.map((route) => ({ route, match: route.regex.exec(url.pathname) })).filter((m) => m.match);
    const found = matches.find(({ route }) => route.method === method);
    if (!found?.match) {
      send(matches.length > 0 ? 405 : 404, { success: false, message: matches.length > 0 ? 'Method not allowed.' : 'Not found.' });
      return;
    }
    try {
      const params: Record<string, string> = {};
      found.route.names.forEach((name, index) => {
        params[name] = decodeURIComponent(found.match?.[index + 1] ?? '');
      });
      const body = method === 'GET' || method === 'HEAD' ? {} : await readBody(req);
      const reply = await found.route.handler({ method, path: url.pathname, query: url.searchParams, headers: req.headers, params, body });
      send(reply.status, reply.body);
    } catch (error) {
      if (error instanceof CircleError) send(error.status, errorBody(error));
      else {
        console.error('simulator: unhandled error', error);
        send(500, { success: false, message: 'Internal server error.' });
      }
    }
  };
}
