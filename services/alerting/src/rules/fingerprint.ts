import { createHash } from 'node:crypto';
import type { Labels } from '../model.js';

/**
 * Stable id of an alert: the first 16 hex digits of SHA-256 over its labels sorted by name, as
 * Alertmanager fingerprints a label set. The same labels give the same fingerprint in every
 * process and after every restart, so the notification log and acknowledgements can key on it.
 */
export function alertFingerprint(labels: Labels): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(labels).sort()) hash.update(`${name}\u0000${labels[name]}\u0000`);
  return hash.digest('hex').slice(0, 16);
}
