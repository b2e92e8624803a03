export { type CredentialsOptions, credentialsOptions, type RunOptions, runOptions } from './cli-options.js';
export {
  BUNDLED_MUNICIPALITIES,
  bundledPath,
  ConfigError,
  loadMunicipality,
  type MunicipalityConfig,
  municipalityConfig,
  parseMunicipality,
} from './config.js';
export {
  loadSecrets,
  makeCredentials,
  type SecretsFile,
  secretsFile,
  toTenantSecrets,
} from './credentials.js';
export { Municipality, type MunicipalityOptions, STEP_MS } from './municipality.js';
export type { Outgoing, SourceName } from './records.js';
export { referenceEvents } from './reference.js';
export { Rng } from './rng.js';
export { SCENARIO_NAMES, type ScenarioName } from './scenarios.js';
export {
  type RunningSimulator,
  type SimulatorOptions,
  type SourceStats,
  startSimulator,
  type TenantSecrets,
} from './simulator.js';
export { ingestCli } from './tail-follower.js';
export { startZgwServer, type ZgwServer } from './zgw-server.js';
