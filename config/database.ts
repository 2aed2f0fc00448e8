import path from 'path';

// SQLite is the default so that `npm run develop` works on a fresh clone with
// nothing installed; PostgreSQL is chosen with DATABASE_CLIENT=postgres.
export default ({ env }) => {
  const client = env('DATABASE_CLIENT', 'sqlite');

  if (client === 'postgres') {
    return {
      connection: {
        client: 'postgres',
        connection: env('DATABASE_URL')
          ? {
              connectionString: env('DATABASE_URL'),
              ssl: env.bool('DATABASE_SSL', false) && { rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true) },
            }
          : {
              host: env('DATABASE_HOST', 'localhost'),
              port: env.int('DATABASE_PORT', 5432),
              database: env('DATABASE_NAME', 'banmian'),
              user: env('DATABASE_USERNAME', 'banmian'),
              password: env('DATABASE_PASSWORD'),
              schema: env('DATABASE_SCHEMA', 'public'),
              ssl: env.bool('DATABASE_SSL', false) && { rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true) },
            },
        pool: { min: env.int('DATABASE_POOL_MIN', 2), max: env.int('DATABASE_POOL_MAX', 10) },
        acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
      },
    };
  }

  if (client !== 'sqlite') {
    throw new Error(`DATABASE_CLIENT must be "sqlite" or "postgres", got "${client}"`);
  }

  // Strapi's template leaves DATABASE_FILENAME empty, which fails to open;
  // a relative path is resolved against the project root, not dist/.
  const filename = env('DATABASE_FILENAME', '') || '.tmp/data.db';
  // WAL: readers are not blocked by a writer in another process (`npm run import`,
  // `npm run restore` beside `npm run develop`), and a writer waits its turn
  // (busy_timeout) instead of failing at once. Within one process Strapi keeps
  // knex's single SQLite connection: a pool of several deadlocks in Strapi's own
  // bootstrap (a transaction waiting on a write from another connection), so
  // in-process writers keep their transactions short instead (see the importer).
  return {
    connection: {
      client: 'sqlite',
      connection: { filename: path.isAbsolute(filename) ? filename : path.join(__dirname, '..', '..', filename) },
      useNullAsDefault: true,
      pool: {
        afterCreate: (conn: any, done: (err: Error | null, conn: any) => void) => {
          try {
            conn.pragma('journal_mode = WAL');
            conn.pragma(`busy_timeout = ${env.int('DATABASE_BUSY_TIMEOUT', 10000)}`);
            done(null, conn);
          } catch (error) {
            done(error as Error, conn);
          }
        },
      },
    },
  };
};
