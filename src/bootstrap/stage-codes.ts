import type { Core } from '@strapi/strapi';
import { SIGNOFF_ACTIONS, SIGNOFF_ACTION_LABEL, STAGES, STAGE_LABEL } from '../newsroom/glossary';

/**
 * A page's stage and a history row's action are stored as codes (glossary.ts),
 * and the database itself refuses any other value: Strapi maps an enumeration to
 * a plain string column, so banmian adds the check — a CHECK constraint on
 * PostgreSQL, triggers on SQLite (which cannot add a constraint to a table).
 * Databases from before stored the Chinese labels (采编, 签字…): they are rewritten
 * to codes on start. Both steps are idempotent and run at every start (Strapi may
 * rebuild a SQLite table, and its triggers with it, when the schema changes).
 */

type Column = { table: string; column: string; values: readonly string[]; labels: Record<string, string> };

function columns(strapi: Core.Strapi): Column[] {
  const column = (uid: string, attribute: string) => {
    const meta: any = strapi.db.metadata.get(uid as any);
    return { table: meta.tableName as string, column: (meta.attributes[attribute]?.columnName as string) ?? attribute };
  };
  return [
    { ...column('api::page.page', 'stage'), values: STAGES, labels: STAGE_LABEL },
    { ...column('api::signoff.signoff', 'action'), values: SIGNOFF_ACTIONS, labels: SIGNOFF_ACTION_LABEL },
    { ...column('api::signoff.signoff', 'fromStage'), values: STAGES, labels: STAGE_LABEL },
    { ...column('api::signoff.signoff', 'toStage'), values: STAGES, labels: STAGE_LABEL },
  ];
}

const checkName = (c: Column) => `banmian_${c.table}_${c.column}_check`;
const isPostgres = (strapi: Core.Strapi) => strapi.db.dialect.client === 'postgres';

/** Takes the database's check off (to let a test write an old database's values). */
export async function dropStageChecks(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  for (const c of columns(strapi)) {
    if (isPostgres(strapi)) await knex.raw(`ALTER TABLE ?? DROP CONSTRAINT IF EXISTS ??`, [c.table, checkName(c)]);
    else for (const when of ['insert', 'update']) await knex.raw(`DROP TRIGGER IF EXISTS ??`, [`${checkName(c)}_${when}`]);
  }
}

async function addCheck(strapi: Core.Strapi, c: Column) {
  const knex = strapi.db.connection;
  const list = c.values.map((v) => `'${v}'`).join(', '); // codes from the glossary: [a-z_] only
  if (isPostgres(strapi)) {
    await knex.raw(`ALTER TABLE ?? DROP CONSTRAINT IF EXISTS ??`, [c.table, checkName(c)]);
    await knex.raw(`ALTER TABLE ?? ADD CONSTRAINT ?? CHECK (?? IS NULL OR ?? IN (${list}))`, [c.table, checkName(c), c.column, c.column]);
    return;
  }
  const message = `${c.table}.${c.column} must be one of ${c.values.join(', ')}`;
  for (const [when, event] of [
    ['insert', 'INSERT'],
    ['update', `UPDATE OF "${c.column}"`],
  ]) {
    await knex.raw(
      `CREATE TRIGGER IF NOT EXISTS "${checkName(c)}_${when}" BEFORE ${event} ON "${c.table}" ` +
        `WHEN NEW."${c.column}" IS NOT NULL AND NEW."${c.column}" NOT IN (${list}) ` +
        `BEGIN SELECT RAISE(ABORT, '${message}'); END`,
    );
  }
}

/** Rewrites old labels to codes, then makes the database refuse anything else. Returns how many rows changed. */
export async function ensureStageCodes(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  let rewritten = 0;
  for (const c of columns(strapi)) {
    for (const [code, label] of Object.entries(c.labels))
      rewritten += await knex(c.table)
        .where(c.column, label)
        .update({ [c.column]: code });
    await addCheck(strapi, c);
  }
  if (rewritten > 0) await (await import('../response-cache')).responseCacheOf(strapi)?.retireAll(); // rows rewritten past the lifecycles: answers showing them go
  return { rewritten };
}
