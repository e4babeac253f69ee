import { resolve } from 'node:path';

import { z } from 'zod';

/** The source of the database when MONGODB_URI is not set. */
export const DATABASE_ENGINES = ['auto', 'mongodb-memory-server', 'ferretdb'] as const;
export type DatabaseEngine = (typeof DATABASE_ENGINES)[number];

/** The password hash for new keys. `lucia-scrypt` is Lucia's default, kept as the benchmark's reference. */
export const PASSWORD_HASHES = ['argon2id', 'lucia-scrypt'] as const;
export type PasswordHashName = (typeof PASSWORD_HASHES)[number];

// Digits only: z.coerce.number() would read an empty variable as 0.
const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^[0-9]+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min).max(max));

// libuv runs 4 threads unless UV_THREADPOOL_SIZE sets another number. Argon2 hashes
// run there, so more concurrent hashes than threads only add queued memory.
const libuvThreadPoolSize = Number(process.env.UV_THREADPOOL_SIZE) || 4;

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: integer(0, 65535).default(3000), // 0 picks a free port
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://').optional(),
  DATABASE_ENGINE: z.enum(DATABASE_ENGINES).default('auto'),
  DATA_DIR: z.string().min(1).default('.data'),
  FERRETDB_BIN: z.string().min(1).optional(),
  FERRETDB_HANDLER: z.enum(['sqlite', 'postgresql']).default('sqlite'),
  FERRETDB_POSTGRESQL_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://').optional(),

  PASSWORD_HASH: z.enum(PASSWORD_HASHES).default('argon2id'),
  ARGON2_MEMORY_KIB: integer(8, 4 * 1024 * 1024).default(19456),
  ARGON2_TIME_COST: integer(1, 100).default(2),
  ARGON2_PARALLELISM: integer(1, 255).default(1),
  HASH_CONCURRENCY: integer(1, 1024).default(libuvThreadPoolSize),
});

export type Config = Readonly<{
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  logLevel: string;
  database: Readonly<{
    uri: string | undefined;
    engine: DatabaseEngine;
    dataDir: string;
    ferretdb: Readonly<{
      binary: string;
      handler: 'sqlite' | 'postgresql';
      postgresqlUrl: string | undefined;
    }>;
  }>;
  passwordHash: Readonly<{
    algorithm: PasswordHashName;
    memoryCost: number;
    timeCost: number;
    parallelism: number;
    maxConcurrentHashes: number;
  }>;
}>;

/** Thrown when the environment cannot be turned into a configuration. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses environment variables into a frozen configuration.
 * Throws ConfigError that names every invalid variable, its value and the rule it broke.
 */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `${name}=${JSON.stringify(environment[name])}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid environment variables. Fix or unset them:\n  ${problems.join('\n  ')}`);
  }

  const values = parsed.data;
  if (values.FERRETDB_HANDLER === 'postgresql' && !values.FERRETDB_POSTGRESQL_URL) {
    throw new ConfigError('FERRETDB_HANDLER=postgresql needs FERRETDB_POSTGRESQL_URL, such as postgres://127.0.0.1:5432/ferretdb');
  }

  const dataDir = resolve(values.DATA_DIR);
  return deepFreeze({
    env: values.NODE_ENV,
    host: values.HOST,
    port: values.PORT,
    logLevel: values.LOG_LEVEL,
    database: {
      uri: values.MONGODB_URI,
      engine: values.DATABASE_ENGINE,
      dataDir,
      ferretdb: {
        binary: values.FERRETDB_BIN ?? resolve(dataDir, 'bin', 'ferretdb'),
        handler: values.FERRETDB_HANDLER,
        postgresqlUrl: values.FERRETDB_POSTGRESQL_URL,
      },
    },
    passwordHash: {
      algorithm: values.PASSWORD_HASH,
      memoryCost: values.ARGON2_MEMORY_KIB,
      timeCost: values.ARGON2_TIME_COST,
      parallelism: values.ARGON2_PARALLELISM,
      maxConcurrentHashes: values.HASH_CONCURRENCY,
    },
  });
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (child !== null && typeof child === 'object') deepFreeze(child);
  }
  return Object.freeze(value);
}
