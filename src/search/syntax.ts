import type { SearchRow } from './rows';
import { GAP, type QueryTerm, type Streams } from './terms';

/**
 * The terms in each database's own syntax (pure): an FTS5 MATCH expression and
 * column texts for SQLite, a tsquery and a tsvector literal for PostgreSQL. Tokens
 * are letters and digits only (terms.ts), so they need no escaping beyond quotes.
 */

// FTS5 columns: grams and words of title (引题/主题/副题), meta (栏目, names, 报名, 版名), body.
export const FTS_COLUMNS = ['tg', 'mg', 'bg', 'tw', 'mw', 'bw'] as const;
// bm25 weights in that order: the title counts most, a whole-word match more than a bigram match.
export const FTS_WEIGHTS = [8, 3, 1, 12, 4.5, 1.5];

const quoted = (tokens: string[]) => `"${tokens.join(' ')}"`;

export function ftsMatch(terms: QueryTerm[]): string {
  return terms
    .map((t) => {
      const grams = t.single ? `${quoted(t.grams)}*` : quoted(t.grams);
      const words = t.words.length ? ` OR ({tw mw bw} : ${quoted(t.words)})` : '';
      return `(({tg mg bg} : ${grams})${words})`;
    })
    .join(' AND ');
}

export function ftsColumns(row: SearchRow): Record<(typeof FTS_COLUMNS)[number], string> {
  const { title, meta, body } = row.terms;
  return {
    tg: title.grams.join(' '),
    mg: meta.grams.join(' '),
    bg: body.grams.join(' '),
    tw: title.words.join(' '),
    mw: meta.words.join(' '),
    bw: body.words.join(' '),
  };
}

const lexeme = (token: string) => `'${token.replace(/'/g, "''")}'`;

export function tsQuery(terms: QueryTerm[]): string {
  return terms
    .map((t) => {
      const grams = t.single ? `${lexeme(t.grams[0])}:*` : t.grams.map(lexeme).join(' <-> ');
      const words = t.words.length ? ` | (${t.words.map(lexeme).join(' <-> ')})` : '';
      return `((${grams})${words})`;
    })
    .join(' & ');
}

// PostgreSQL keeps positions up to 16383 and at most 256 of them per lexeme.
const MAX_POS = 16383;
const MAX_POSITIONS = 256;

/** A tsvector literal with the positions and weights the streams give (A title, B meta, D body); a gap skips a position. */
export function tsVector(terms: { title: Streams; meta: Streams; body: Streams }): string {
  const positions = new Map<string, string[]>();
  let pos = 0;
  const add = (stream: string[], weight: string) => {
    for (const token of stream) {
      pos += 1;
      if (token === GAP || pos > MAX_POS) continue;
      const list = positions.get(token) ?? [];
      if (list.length < MAX_POSITIONS) list.push(`${pos}${weight}`);
      positions.set(token, list);
    }
    pos += 1;
  };
  add(terms.title.grams, 'A');
  add(terms.title.words, 'A');
  add(terms.meta.grams, 'B');
  add(terms.meta.words, 'B');
  add(terms.body.grams, 'D');
  add(terms.body.words, 'D');
  return [...positions].map(([token, list]) => `${lexeme(token)}:${list.join(',')}`).join(' ');
}
