import { readFile } from 'node:fs/promises';
import { cpus, release, totalmem, type } from 'node:os';

import type { Config } from '../src/config.js';
import type { BenchDatabase } from './database.js';
import { PROJECT_ROOT } from './project-root.js';
import type { DatabaseInfo } from './protocol.js';

export type Environment = Readonly<{
  machine: string;
  versions: ReadonlyArray<readonly [name: string, version: string]>;
  settings: ReadonlyArray<readonly [name: string, value: string]>;
}>;

/** Describes the machine, software versions and hashing settings of a benchmark, for its report. */
export async function describeEnvironment(config: Config, database: BenchDatabase, databaseInfo: DatabaseInfo): Promise<Environment> {
  const processors = cpus();
  const machine = `${processors[0]?.model.trim() ?? 'unknown CPU'}, ${processors.length} logical cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${type()} ${release()}`;

  const versions: Array<readonly [string, string]> = [['Node.js', process.version]];
  for (const name of ['lucia', '@node-rs/argon2', 'express', 'mongoose', 'autocannon']) versions.push([name, await packageVersion(name)]);
  versions.push(['database', await describeDatabaseVersion(database, databaseInfo)]);

  return { machine, versions, settings: describeSettings(config) };
}

function describeSettings(config: Config): Array<readonly [string, string]> {
  const { memoryCost, timeCost, parallelism, maxConcurrentHashes } = config.passwordHash;
  return [
    ['Argon2id cost', `m=${memoryCost} KiB, t=${timeCost}, p=${parallelism}`],
    ['HASH_CONCURRENCY', String(maxConcurrentHashes)],
    ['UV_THREADPOOL_SIZE', process.env.UV_THREADPOOL_SIZE ?? 'unset (libuv default: 4)'],
  ];
}

async function packageVersion(name: string): Promise<string> {
  const manifest = JSON.parse(await readFile(new URL(`node_modules/${name}/package.json`, PROJECT_ROOT), 'utf8')) as { version: string };
  return manifest.version;
}

/** FerretDB built from tools/ferretdb reports its version as "unknown", so the module version pinned there is given instead. */
async function describeDatabaseVersion(database: BenchDatabase, info: DatabaseInfo): Promise<string> {
  const engine = `${database.description}; reports MongoDB ${info.version}`;
  if (info.ferretdbVersion && info.ferretdbVersion !== 'unknown') return `FerretDB ${info.ferretdbVersion} (${engine})`;
  if (info.ferretdbVersion === undefined) return engine;
  if (database.engine !== 'ferretdb') return `FerretDB of unknown version (${engine})`;

  const goModule = await readFile(new URL('tools/ferretdb/go.mod', PROJECT_ROOT), 'utf8');
  const pinned = /github\.com\/FerretDB\/FerretDB (v\S+)/.exec(goModule)?.[1] ?? 'unknown';
  return `FerretDB ${pinned}, as pinned in tools/ferretdb/go.mod (${engine})`;
}
