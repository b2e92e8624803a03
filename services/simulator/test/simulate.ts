import {
  BUNDLED_MUNICIPALITIES,
  bundledPath,
  loadMunicipality,
  Municipality,
  type MunicipalityConfig,
  type Outgoing,
  type ScenarioName,
} from '../src/index.js';

export const configs = async (): Promise<Record<string, MunicipalityConfig>> =>
  Object.fromEntries(
    await Promise.all(
      BUNDLED_MUNICIPALITIES.map(async (name) => [name, await loadMunicipality(bundledPath(name))]),
    ),
  );

/** Everything a municipality sends between two instants, simulated without any clock or network. */
export function simulate(
  config: MunicipalityConfig,
  from: string,
  to: string,
  scenarios: ScenarioName[] = [],
): { municipality: Municipality; records: Outgoing[] } {
  const municipality = new Municipality(config, { scenarios });
  const records = [...municipality.advance(Date.parse(from)), ...municipality.advance(Date.parse(to))];
  return { municipality, records };
}

export const qmatic = (records: Outgoing[], event: string) =>
  records.flatMap((r) => (r.source === 'qmatic' && r.body.event === event ? [r] : []));

export const queueLog = (records: Outgoing[], event?: string) =>
  records.flatMap((r) => (r.source === 'asterisk' && (!event || r.line.split('|')[4] === event) ? [r] : []));
