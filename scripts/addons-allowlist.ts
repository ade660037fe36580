export interface Finding {
  code: string;
  message: string;
  file?: string;
}

export interface Allowed {
  code: string;
  /** A glob on the file path inside the build; `*` stays within one folder. */
  file: string;
  reason: string;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`^${escaped}$`);
}

export function allowanceFor(finding: Finding, allowed: Allowed[]): Allowed | undefined {
  return allowed.find((a) => a.code === finding.code && globToRegExp(a.file).test(finding.file ?? ''));
}
