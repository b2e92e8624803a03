import { z } from 'zod';
import { alertMessage } from '../alerts.js';
import { tenantCode } from '../envelope.js';
import { kpiSnapshot } from '../kpi.js';
import { role } from './principal.js';

/**
 * The messages of live push, the same over socket.io (event `message`) and the plain WebSocket
 * (one JSON text frame each). `v` is the protocol version: a change that an existing client
 * cannot read gets a new one.
 */
export const PUSH_VERSION = 1;
const v = z.literal(PUSH_VERSION);

const roomList = z
  .array(z.string().min(1).max(400))
  .describe(
    'Room names: tenant:GM0363, tenant:GM0363:location:<id>, tenant:GM0363:team:<id>, each optionally + :alerts.',
  );

export const helloMessage = z
  .strictObject({
    v,
    type: z.literal('hello'),
    tenant: tenantCode,
    role,
    rooms: roomList.describe('The rooms this connection may join when it names none (its default picture).'),
  })
  .describe('First message of every connection, once the token was accepted.');

export const snapshotPushMessage = z
  .strictObject({ v, type: z.literal('snapshot'), snapshot: kpiSnapshot })
  .describe('The current KPI snapshot of one domain and scope; a newer one replaces it.');

export const alertPushMessage = z
  .strictObject({ v, type: z.literal('alert'), alert: alertMessage })
  .describe('The current state of one alert; a newer one replaces it.');

export const removedPushMessage = z
  .strictObject({
    v,
    type: z.literal('removed'),
    kind: z.enum(['snapshot', 'alert']),
    key: z.string().describe('kpiSnapshotKey or alertKey of what is gone.'),
  })
  .describe('A snapshot or alert was removed (a tombstone on its compacted topic).');

export const subscribedMessage = z
  .strictObject({ v, type: z.literal('subscribed'), rooms: roomList })
  .describe(
    'The current snapshots and alerts of these rooms were sent before this message; updates follow it.',
  );

export const errorPushMessage = z
  .strictObject({
    v,
    type: z.literal('error'),
    error: z.enum(['bad_message', 'forbidden']),
    reason: z.string().describe('Which field or room, and why.'),
  })
  .describe('A client message was refused; the subscription stays as it was.');

export const serverMessage = z.discriminatedUnion('type', [
  helloMessage,
  snapshotPushMessage,
  alertPushMessage,
  removedPushMessage,
  subscribedMessage,
  errorPushMessage,
]);
export type ServerMessage = z.infer<typeof serverMessage>;

export const subscribeMessage = z
  .strictObject({
    v,
    type: z.literal('subscribe'),
    rooms: roomList.min(1).max(100),
  })
  .describe('Replaces the rooms of this connection; the current picture of the new rooms is sent first.');

export const clientMessage = z.discriminatedUnion('type', [subscribeMessage]);
export type ClientMessage = z.infer<typeof clientMessage>;
