// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { DIAGNOSTIC_KINDS, emptyDiagnostics, Reporter } from './diagnostics.ts';
import type { Diagnostic } from './diagnostics.ts';

function setup(logger = {}) {
  const announced: Diagnostic[] = [];
  const reporter = new Reporter(logger, () => 42, (diagnostic) => announced.push(diagnostic));
  return { reporter, announced };
}

describe('Reporter', () => {
  it('starts every kind at zero', () => {
    expect(Object.keys(emptyDiagnostics())).toEqual(DIAGNOSTIC_KINDS);
    expect(Object.values(emptyDiagnostics()).every((count) => count === 0)).toBe(true);
  });

  it('counts, logs and announces a diagnostic', () => {
    const warn = vi.fn();
    const { reporter, announced } = setup({ warn });
    reporter.diagnose('invalid_json', '9 chars');
    reporter.diagnose('invalid_json', '3 chars');
    expect(reporter.counts.invalid_json).toBe(2);
    expect(announced[0]).toEqual({ kind: 'invalid_json', detail: '9 chars', at: 42 });
    expect(warn).toHaveBeenCalledWith('cable diagnostic: invalid_json', { detail: '9 chars' });
  });

  it("logs a listener's error by name only, and can stay quiet", () => {
    const error = vi.fn();
    const { reporter, announced } = setup({ error });
    reporter.listenerFailed(new TypeError('token abc123 expired'), "on('state')");
    reporter.listenerFailed(new Error('x'), "on('diagnostic')", true);
    expect(reporter.counts.listener_error).toBe(2);
    expect(announced).toHaveLength(1);
    expect(JSON.stringify(error.mock.calls)).not.toContain('abc123');
  });

  it('survives a logger that throws', () => {
    const { reporter } = setup({
      warn: () => {
        throw new Error('logger');
      },
    });
    expect(() => reporter.diagnose('binary_frame', 'Blob(3)')).not.toThrow();
  });
});
