import { fileURLToPath } from 'node:url';

/** Repository root, whether running from src (vitest) or dist (npm start). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Git-ignored cache for downloaded jars, data folders and logs. */
export const CACHE_DIR = `${REPO_ROOT}.cache`;
export const KAFKA_POM = `${REPO_ROOT}deploy/local/kafka/pom.xml`;
