import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { promisify } from 'node:util';
import { CACHE_DIR, REPO_ROOT } from '@stuurwiel/infra';

const WEB = `${REPO_ROOT}services/gateway/web`;
let built: Promise<string> | undefined;

/**
 * The pages built from their sources now, once per test file, into a folder of its own: test
 * files run side by side, and one build emptying the folder another serves would be a race.
 */
export function buildWeb(): Promise<string> {
  built ??= (async () => {
    const outDir = mkdtempSync(`${CACHE_DIR}/web-build-`);
    await promisify(execFile)(
      process.execPath,
      [
        `${REPO_ROOT}node_modules/vite/bin/vite.js`,
        'build',
        '--outDir',
        outDir,
        '--emptyOutDir',
        // Vite refuses a second build of one project while one runs; each file builds into a
        // folder of its own, so files building side by side do not collide.
        '--bypass-lock',
        '--logLevel',
        'warn',
      ],
      { cwd: WEB },
    );
    return outDir;
  })();
  return built;
}
