import { createHmac } from 'node:crypto';

/**
 * Keyed hash for personal identifiers (caller numbers, staff names): the same person gets the
 * same key within one municipality, so call ratios and repeat contacts can be counted, but the
 * key cannot be reversed or compared across municipalities without their secrets.
 */
export function pseudonymiser(tenantSecret: string): (value: string) => string {
  return (value: string) =>
    createHmac('sha256', tenantSecret).update(value.trim().toLowerCase().replace(/\s+/g, ' ')).digest('hex');
}

/** Keyed hash of an exact text (no normalising): identifies a body without revealing it. */
export function fingerprinter(tenantSecret: string): (text: string) => string {
  return (text: string) => createHmac('sha256', tenantSecret).update(text).digest('hex');
}
