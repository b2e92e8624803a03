// The day the state tests play on, Monday 2 March 2026, and the tenant they play for.
export { TEST_TENANT as TENANT } from '@stuurwiel/infra/testing';

/** Local time on 2 March 2026 (UTC+1) as an ISO instant with offset. */
export const at = (hhmmss: string) => `2026-03-02T${hhmmss}+01:00`;
/** The same instant in UTC as facts store it. */
export const utc = (hhmmss: string) => {
  const [h, m, s] = hhmmss.split(':').map(Number);
  return `2026-03-02T${String(h! - 1).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.000Z`;
};
