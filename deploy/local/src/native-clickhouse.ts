import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { type ManagedProcess, startProcess, waitUntil } from './child-process.js';
import { freeStablePort } from './free-port.js';

const CANDIDATES = ['/usr/sbin/clickhouse-server', '/usr/bin/clickhouse-server'];

function findServer(): string | undefined {
  return CANDIDATES.find((path) => existsSync(path));
}

/** Finds Debian's clickhouse-server, installing the package when we are root. */
export function ensureClickHouseServer(log: (m: string) => void = () => {}): string {
  const found = findServer();
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    throw new Error(
      'clickhouse-server is not installed. Install it with `sudo apt-get install clickhouse-server` ' +
        '(Debian bookworm ships 18.16), start Docker so testcontainers can run a current image, ' +
        'or set CLICKHOUSE_URL to a running server',
    );
  }
  log('installing Debian package clickhouse-server');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'clickhouse-server'], {
    env,
    encoding: 'utf8',
  });
  if (install.status !== 0) {
    spawnSync('apt-get', ['update'], { env, stdio: 'ignore' });
    const retry = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'clickhouse-server'], {
      env,
      encoding: 'utf8',
    });
    if (retry.status !== 0) throw new Error(`apt-get install clickhouse-server failed:\n${retry.stderr}`);
  }
  const installed = findServer();
  if (!installed) throw new Error('clickhouse-server was installed but its binary was not found');
  return installed;
}

export interface NativeClickHouse {
  url: string;
  version: string;
  process: ManagedProcess;
}

function configXml(dir: string, httpPort: number, tcpPort: number, interserverPort: number): string {
  return `<?xml version="1.0"?>
<yandex>
  <logger>
    <level>warning</level>
    <console>1</console>
  </logger>
  <http_port>${httpPort}</http_port>
  <tcp_port>${tcpPort}</tcp_port>
  <interserver_http_port>${interserverPort}</interserver_http_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>536870912</mark_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
  <!-- Far above the client's idle-socket time (2.5 s), as on current servers: at 18.16's 3 s a
       busy client could send on a socket the server was closing that moment. -->
  <keep_alive_timeout>30</keep_alive_timeout>
</yandex>
`;
}

// Our own users file, so that nothing depends on the package's /etc files.
const USERS_XML = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors>
    <result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;

/**
 * Starts clickhouse-server with a config and data folder of our own, on free ports. The config is
 * written anew each time (the ports change); the data under `dir/data` stays, so a folder kept
 * from an earlier run keeps its databases.
 */
export async function startNativeClickHouse(
  dir: string,
  log: (m: string) => void,
  options: { logDir?: string } = {},
): Promise<NativeClickHouse> {
  const binary = ensureClickHouseServer(log);
  for (const sub of ['data', 'tmp', 'user_files', 'format_schemas']) {
    mkdirSync(`${dir}/${sub}`, { recursive: true });
  }
  const [httpPort, tcpPort, interserverPort] = [
    await freeStablePort(),
    await freeStablePort(),
    await freeStablePort(),
  ];
  writeFileSync(`${dir}/config.xml`, configXml(dir, httpPort, tcpPort, interserverPort));
  writeFileSync(`${dir}/users.xml`, USERS_XML);
  const logFile = `${options.logDir ?? dir}/clickhouse.log`;
  const server = startProcess('clickhouse', binary, [`--config-file=${dir}/config.xml`], {
    logFile,
    cwd: dir,
  });
  const url = `http://127.0.0.1:${httpPort}`;
  let version = '';
  await waitUntil(
    `ClickHouse at ${url}`,
    async () => {
      const response = await fetch(`${url}/?query=${encodeURIComponent('SELECT version()')}`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      version = (await response.text()).trim();
    },
    { timeoutMs: 60_000, logFile, exited: server.exited },
  );
  return { url, version, process: server };
}
