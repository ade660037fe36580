/**
 * Paging rules for the member API, in one place. Decision: page and per_page must be
 * positive integers, else 422; per_page above MAX_PER_PAGE is clamped to it; a page past the
 * end answers 200 with no records. Message windows take 0..MAX_PER_PAGE on either side
 * (above is clamped, negative or non-numeric is 422).
 */
import { unprocessable } from './errors';

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;
export const DEFAULT_WINDOW = 20;

export interface PageEnvelope<R> {
  page: number;
  per_page: number;
  has_next_page: boolean;
  count: number;
  page_count: number;
  records: R[];
}

function integerParam(query: URLSearchParams, name: string, fallback: number, min: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min) {
    throw unprocessable(`${name} must be an integer of at least ${min}.`, { [name]: ['is invalid'] });
  }
  return Number(raw);
}

export function pageParams(query: URLSearchParams): { page: number; perPage: number } {
  return {
    page: integerParam(query, 'page', 1, 1),
    perPage: Math.min(integerParam(query, 'per_page', DEFAULT_PER_PAGE, 1), MAX_PER_PAGE),
  };
}

export function paginate<T, R>(items: readonly T[], query: URLSearchParams, toRecord: (item: T) => R): PageEnvelope<R> {
  const { page, perPage } = pageParams(query);
  const start = (page - 1) * perPage;
  return {
    page,
    per_page: perPage,
    has_next_page: start + perPage < items.length,
    count: items.length,
    page_count: Math.ceil(items.length / perPage),
    records: items.slice(start, start + perPage).map(toRecord),
  };
}

export function windowParams(query: URLSearchParams): { referenceId: number | null; previous: number; next: number } {
  const reference = integerParam(query, 'id', 0, 1);
  return {
    referenceId: reference === 0 ? null : reference,
    previous: Math.min(integerParam(query, 'previous_per_page', DEFAULT_WINDOW, 0), MAX_PER_PAGE),
    next: Math.min(integerParam(query, 'next_per_page', DEFAULT_WINDOW, 0), MAX_PER_PAGE),
  };
}
