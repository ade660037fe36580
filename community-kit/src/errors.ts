import type { Context } from 'hono';
import type { ErrorCode } from './log.ts';

/**
 * What each rejection answers. The text is fixed per code, never built from the request; the
 * extension shows its own localized text for the code.
 */
const ERRORS: Record<ErrorCode, { status: 400 | 401 | 403 | 404 | 429 | 500 | 502; text: string }> = {
  invalid_request: { status: 400, text: 'The request is missing a parameter or has a malformed one.' },
  redirect_uri_not_allowed: { status: 400, text: 'This sign-in was not started by an extension this community allows.' },
  invalid_grant: { status: 400, text: 'The code or refresh token is invalid, expired or already used. Sign in again.' },
  not_eligible: { status: 403, text: "This community's Circle plan does not include the Headless API, so Circle Live cannot sign you in. Please tell the community's admin." },
  unknown_member: { status: 404, text: 'Your account is not a member of this community on Circle.' },
  login_failed: { status: 401, text: "Signing in at the community's login did not complete. Please try again." },
  email_not_verified: { status: 403, text: 'Your e-mail address is not verified at the community\u2019s login, so it cannot be matched to a Circle member.' },
  rate_limited: { status: 429, text: 'Too many requests. Please wait a minute and try again.' },
  circle_unavailable: { status: 502, text: 'Circle did not answer as expected. Please try again later.' },
  service_misconfigured: { status: 500, text: "The community's sign-in service is misconfigured. Please tell the community's admin." },
};

export function errorJson(c: Context, code: ErrorCode): Response {
  const { status, text } = ERRORS[code];
  return c.json({ error: code, error_description: text }, status, { 'Cache-Control': 'no-store' });
}

/** For a browser that cannot be sent back to the extension: a page a person can read. */
export function errorPage(c: Context, code: ErrorCode): Response {
  const { status, text } = ERRORS[code];
  return c.html(
    `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
      `<title>Circle Live sign-in</title><body style="font:16px system-ui;max-width:32em;margin:3em auto">` +
      `<h1>Circle Live could not sign you in</h1><p>${text}</p><p><small>Error: ${code}</small></p></body></html>`,
    status,
    { 'Cache-Control': 'no-store' },
  );
}
