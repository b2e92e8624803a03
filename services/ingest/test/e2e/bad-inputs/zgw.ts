import type { BadInput, CorpusEnv } from './corpus.js';

const url = '/v1/sources/zgw/notifications';
const ZAAK = (env: CorpusEnv, uuid: string) => `${env.zgw.baseUrl}/zaken/api/v1/zaken/${uuid}`;
const ZAAKTYPE = '/catalogi/api/v1/zaaktypen/5f0e9a3c-1b2d-4e6f-8a7b-9c0d1e2f3a4b';
const MISSING_ZAAKTYPE = '/catalogi/api/v1/zaaktypen/00000000-0000-4000-8000-000000000000';

function notification(env: CorpusEnv, zaakUrl: string, patch: Record<string, unknown> = {}) {
  return {
    kanaal: 'zaken',
    hoofdObject: zaakUrl,
    resource: 'zaak',
    resourceUrl: zaakUrl,
    actie: 'create',
    aanmaakdatum: '2026-03-02T08:15:00Z',
    kenmerken: { bronorganisatie: '123456782', zaaktype: `${env.zgw.baseUrl}${ZAAKTYPE}` },
    ...patch,
  };
}

/** A zaak like the fixture's under another uuid, with fields replaced. */
function zaak(env: CorpusEnv, uuid: string, fields: Record<string, unknown>) {
  const base = env.zgw.resolve({
    url: `{{base}}/zaken/api/v1/zaken/${uuid}`,
    uuid,
    identificatie: `ZAAK-${uuid.slice(0, 8)}`,
    bronorganisatie: '123456782',
    zaaktype: `{{base}}${ZAAKTYPE}`,
    startdatum: '2026-03-02',
    einddatum: null,
    status: null,
    resultaat: null,
    opschorting: { indicatie: false, reden: '' },
    verlenging: { reden: '', duur: null },
  });
  env.zgw.put(`/zaken/api/v1/zaken/${uuid}`, { ...base, ...fields });
}

export const zgwBadInputs: BadInput[] = [
  {
    name: 'ZGW notification that is not JSON',
    url,
    body: 'kanaal=zaken&actie=create',
    status: 400,
    reason: /^body is not valid JSON \((at character \d+|it ends too early)\)$/,
    deadLetter: true,
  },
  {
    name: 'ZGW notification for an unknown zaaktype',
    url,
    body: (env) => {
      const uuid = '44444444-0000-4000-8000-000000000001';
      zaak(env, uuid, { zaaktype: `${env.zgw.baseUrl}${MISSING_ZAAKTYPE}` });
      return JSON.stringify(notification(env, ZAAK(env, uuid)));
    },
    status: 422,
    rejected: [
      {
        index: 0,
        path: 'kenmerken.zaaktype',
        reason: /^unknown zaaktype http:\/\/.*00000000-0000-4000-8000-000000000000$/,
      },
    ],
    deadLetter: true,
  },
  {
    name: 'ZGW notification while the Zaken API is unreachable',
    url,
    body: (env) => {
      zaak(env, '44444444-0000-4000-8000-000000000002', {});
      return JSON.stringify(notification(env, ZAAK(env, '44444444-0000-4000-8000-000000000002')));
    },
    arrange: (env) => {
      env.zgw.fail({ status: 503 }, '/zaken/api/v1/zaken/44444444-0000-4000-8000-000000000002');
      return () => env.zgw.heal();
    },
    status: 422,
    rejected: [{ index: 0, path: 'hoofdObject', reason: /^zaken api unreachable: 503 Service Unavailable/ }],
    deadLetter: true,
  },
  {
    name: 'ZGW notification pointing outside the configured APIs',
    url,
    body: (env) => {
      const outside = 'http://169.254.169.254/latest/meta-data/zaken/44444444-0000-4000-8000-000000000003';
      return JSON.stringify(notification(env, outside));
    },
    status: 422,
    rejected: [{ index: 0, path: 'hoofdObject', reason: /outside the configured zaken api/ }],
    deadLetter: true,
  },
  {
    name: 'ZGW notification without hoofdObject and with a local time',
    url,
    body: (env) =>
      JSON.stringify(
        notification(env, ZAAK(env, '44444444-0000-4000-8000-000000000004'), {
          hoofdObject: undefined,
          aanmaakdatum: '2026-03-02T09:15:00',
        }),
      ),
    status: 422,
    rejected: [
      { index: 0, path: 'hoofdObject', reason: 'required' },
      { index: 0, path: 'aanmaakdatum', reason: /with offset/ },
    ],
    deadLetter: true,
  },
  {
    name: 'ZGW CloudEvent of an unknown zaken type',
    url,
    body: (env) =>
      JSON.stringify({
        specversion: '1.0',
        id: 'f0e1d2c3-0000-4000-8000-000000000005',
        source: 'urn:nld:oin:00000001234567890000:systeem:openzaak',
        type: 'nl.overheid.zaken.zaak-ontploft',
        subject: '44444444-0000-4000-8000-000000000005',
        time: '2026-03-02T08:15:00Z',
        dataref: ZAAK(env, '44444444-0000-4000-8000-000000000005'),
        datacontenttype: 'application/json',
        data: {},
      }),
    status: 422,
    rejected: [{ index: 0, path: 'type', reason: /zaak-ontploft/ }],
    deadLetter: true,
  },
  {
    name: 'ZGW array with a string instead of a notification',
    url,
    body: '["zaak"]',
    status: 422,
    rejected: [{ index: 0, path: '', reason: /JSON object/ }],
    deadLetter: true,
  },
];
