import { createHash, generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const SOURCE = join(import.meta.dirname, '..', 'probe');

/** Chrome's extension id for a manifest `key`: sha256 of the public key, first 32 hex digits as a–p. */
export function extensionIdOf(publicKeyDer: Buffer): string {
  const hex = createHash('sha256').update(publicKeyDer).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/**
 * Builds bench/probe (the bare socket and the official @rails/actioncable consumer) into `dir`
 * as an unpacked extension, with a fresh manifest key so its id is known before launch.
 */
export async function buildProbe(dir: string): Promise<{ dir: string; id: string }> {
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: [join(SOURCE, 'probe.ts')],
    outfile: join(dir, 'probe.js'),
    bundle: true,
    format: 'esm',
    target: 'chrome120',
    logLevel: 'warning',
  });
  copyFileSync(join(SOURCE, 'probe.html'), join(dir, 'probe.html'));
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const manifest = JSON.parse(readFileSync(join(SOURCE, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, key: der.toString('base64') }, null, 2));
  return { dir, id: extensionIdOf(der) };
}
