import fs from 'fs';
import path from 'path';
import { parseOcrFile } from '../../src/ocr-import/import';
import type { OcrResult } from '../../src/ocr-import/parse';
import { checkFields } from '../../src/proofreading/check';
import { loadLists } from '../../src/proofreading/load-lists';
import type { FieldText, Finding } from '../../src/proofreading/types';

/**
 * The checker over the three real OCR pages, kept as judged goldens in
 * tests/fixtures/proofread-golden/: every finding, on the OCR text as it came (checked as
 * one body) and on the articles the importer makes of it (headlines, bodies, captions…),
 * each with a `judgement` a person wrote: "true: …" (a real error) or "false alarm: …"
 * (accepted, with why). `UPDATE_GOLDEN=1 npx jest tests/unit/proofread-golden.test.ts`
 * rewrites the files, keeping the judgements of findings that did not move and writing
 * "UNJUDGED" on new ones, which fails the test until someone has read them.
 */
const ROOT = path.join(__dirname, '..', '..');
const PAGES = ['baishan-hegang', 'dianjiang-jiangjin', 'manas-hutubi-changji'];
const GOLDEN_DIR = path.join(ROOT, 'tests', 'fixtures', 'proofread-golden');
const lists = loadLists({ localDir: null });

type Judged = Finding & { judgement: string };
type Golden = { source: string; names: string[]; raw: Judged[]; imported: Judged[] };

function namesOf(r: OcrResult) {
  const names = r.pages.flatMap((p) => [
    ...Object.values(p.credits ?? {}).filter((n): n is string => !!n),
    ...p.articles.flatMap((a) => a.bylines.flatMap((b) => b.names)),
  ]);
  return [...new Set(names)];
}

/** The imported articles' text fields, named `a<n>.<field>`; 引题, 主题 and 副题 are headlines. */
function articleFields(r: OcrResult): FieldText[] {
  const fields: FieldText[] = [];
  r.pages
    .flatMap((p) => p.articles)
    .forEach((a, n) => {
      const add = (name: string, text: string | null | undefined, headline = false) => {
        if (text) fields.push({ field: `a${n + 1}.${name}`, text, ...(headline ? { headline } : {}) });
      };
      add('kicker', a.kicker, true);
      add('headline', a.headline, true);
      add('subtitle', a.subtitle, true);
      add('body', a.body);
      a.photos.forEach((ph, k) => add(`photo${k + 1}.caption`, ph.caption));
      add('source', a.source);
      add('authorNote', a.authorNote);
    });
  return fields;
}

function run(page: string) {
  const source = `tests/fixtures/ocr-pages/${page}.txt`;
  const bytes = fs.readFileSync(path.join(ROOT, source));
  const parsed = parseOcrFile(bytes, source);
  const names = namesOf(parsed);
  return {
    source,
    names,
    raw: checkFields([{ field: 'body', text: bytes.toString('utf8') }], { names, lists }),
    imported: checkFields(articleFields(parsed), { names, lists }),
  };
}

const key = (f: Finding) => `${f.rule}|${f.field}|${f.start}|${f.text}`;
const strip = (f: Judged): Finding => {
  const { judgement, ...finding } = f;
  void judgement;
  return finding;
};
const goldenFile = (page: string) => path.join(GOLDEN_DIR, `${page}.json`);

function write(page: string, got: ReturnType<typeof run>) {
  const old: Golden | null = fs.existsSync(goldenFile(page)) ? JSON.parse(fs.readFileSync(goldenFile(page), 'utf8')) : null;
  const judged = new Map([...(old?.raw ?? []), ...(old?.imported ?? [])].map((f) => [key(f), f.judgement]));
  const judge = (fs_: Finding[]) => fs_.map((f) => ({ ...f, judgement: judged.get(key(f)) ?? 'UNJUDGED' }));
  const golden: Golden = { source: got.source, names: got.names, raw: judge(got.raw), imported: judge(got.imported) };
  // One finding a line: a diff of the golden reads as a list of findings that came or went.
  const list = (xs: Judged[]) => (xs.length ? `[\n${xs.map((x) => `    ${JSON.stringify(x)}`).join(',\n')}\n  ]` : '[]');
  fs.writeFileSync(
    goldenFile(page),
    `{\n  "source": ${JSON.stringify(golden.source)},\n  "names": ${JSON.stringify(golden.names)},\n  "raw": ${list(golden.raw)},\n  "imported": ${list(golden.imported)}\n}\n`,
  );
}

/** Findings that came and went, one line each, for a readable failure. */
function diff(expected: Finding[], got: Finding[]) {
  const e = new Set(expected.map((f) => JSON.stringify(f)));
  const g = new Set(got.map((f) => JSON.stringify(f)));
  return [...[...e].filter((x) => !g.has(x)).map((x) => `- ${x}`), ...[...g].filter((x) => !e.has(x)).map((x) => `+ ${x}`)].join('\n');
}

describe('proofreading goldens: the three real OCR pages', () => {
  it.each(PAGES)('%s: the checker finds what the judged golden holds', (page) => {
    const got = run(page);
    if (process.env.UPDATE_GOLDEN === '1') write(page, got);
    const golden: Golden = JSON.parse(fs.readFileSync(goldenFile(page), 'utf8'));
    expect(golden.names).toEqual(got.names);
    for (const part of ['raw', 'imported'] as const) {
      const expected = golden[part].map(strip);
      expect({ part, diff: diff(expected, got[part]) }).toEqual({ part, diff: '' });
      expect(got[part]).toEqual(expected);
    }
  });

  it.each(PAGES)('%s: every finding in the golden has been judged', (page) => {
    const golden: Golden = JSON.parse(fs.readFileSync(goldenFile(page), 'utf8'));
    const unjudged = [...golden.raw, ...golden.imported].filter((f) => !/^(true|false alarm): \S/u.test(f.judgement));
    expect(unjudged).toEqual([]);
  });

  it('finds the OCR doubling and the broken quotation the pages really have, and few false alarms', () => {
    const all = PAGES.flatMap((p) => {
      const g: Golden = JSON.parse(fs.readFileSync(goldenFile(p), 'utf8'));
      return [...g.raw, ...g.imported];
    });
    expect(all.filter((f) => f.rule === 'doubled-word').map((f) => f.text)).toContain('困难困难');
    expect(all.some((f) => f.rule === 'pair-unbalanced' && f.text === '”')).toBe(true);
    const falseAlarms = all.filter((f) => f.judgement.startsWith('false alarm'));
    expect(falseAlarms.length).toBeLessThanOrEqual(Math.ceil(all.length * 0.05));
  });
});
