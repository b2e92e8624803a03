// The caller's shape is shared with the web pages, so it lives in schemas.
export { type Principal, principal, ROLES, type Role, role, roleAtLeast } from '@stuurwiel/schemas';
