#!/usr/bin/env node
// npm run proofread -- [--json] (--issue <n> [--page <n>] [--publication <slug>] | <file.txt>…)
// The 审校 checker (src/proofreading) over text files: each file is checked as one `body`
// field, with the names of its bylines and credits (read as the importer reads them) as
// the reference spellings. With --issue, over the drafts of an issue's pages in the
// database (.env's), as the admin's 审校 panel shows them: every placed article's fields,
// the page's credited names, findings marked "not an error" left out; one 差错率 per page. Prints `file:line:col  rule  text → suggestion  message` and
// the file's 差错率; with --json one document, { findings: [...], rates: [...] }, whose
// offsets are UTF-16 offsets into the text as decoded (UTF-8 or GB18030, BOM dropped).
// Exit 0 whatever is found; 2 when an argument is wrong or a file cannot be read.
// For files Strapi is not started: the checker is a pure module, loaded from the compiled app.
const fs = require('fs');
const path = require('path');
const { parseArgs } = require('util');
// Compiles src/ to dist/ only when the sources changed (build-stamp.js); what it prints goes to stderr, stdout stays the answer.
const { compiledAppQuietly, loadStrapi, shutdown } = require('./load-strapi');

const USAGE = 'usage: npm run proofread -- [--json] (--issue <n> [--page <n>] [--publication <slug>] | <file.txt>…)';
const cwd = process.env.INIT_CWD || process.cwd();

function options() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      issue: { type: 'string' },
      page: { type: 'string' },
      publication: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const number = (flag) => {
    if (values[flag] === undefined) return undefined;
    if (!/^\d+$/.test(values[flag])) throw new Error(`--${flag} takes a number, got "${values[flag]}"\n${USAGE}`);
    return Number(values[flag]);
  };
  const issue = number('issue');
  const page = number('page');
  if (issue !== undefined && positionals.length) throw new Error(`give --issue or files, not both\n${USAGE}`);
  if (issue === undefined && (page !== undefined || values.publication)) throw new Error(`--page and --publication go with --issue\n${USAGE}`);
  if (issue === undefined && !positionals.length) throw new Error(`no file given\n${USAGE}`);
  return { json: values.json, issue, page, publication: values.publication, files: positionals.map((f) => path.resolve(cwd, f)) };
}

/** The compiled modules the command uses. */
function modules(distDir) {
  const from = (...p) => require(path.join(distDir, 'src', ...p));
  return {
    proof: from('proofreading', 'index'),
    lists: from('proofreading', 'load-lists').defaultLists(),
    decode: from('ocr-import', 'decode').decodeOcrBytes,
    parse: from('ocr-import', 'parse').parseOcrText,
  };
}

/**
 * What is checked, one entry per file (or, with Strapi, per page): a label, the fields
 * as checkFields takes them, the reference names, and which fields are headlines. The
 * text of each field is kept so the report can give line and column.
 * { label, fields: [{ field, text, headline? }], names: string[], headlineFields: string[] } or { label, error }.
 */
function sourcesFromFiles(files, m) {
  return files.map((file) => {
    const label = path.relative(cwd, file) || file;
    let text;
    try {
      text = m.decode(fs.readFileSync(file), label).text;
    } catch (error) {
      return { label, error: `${label}: cannot read (${error.code || error.message})` };
    }
    return { label, fields: [{ field: 'body', text }], names: namesIn(text, label, m), headlineFields: [] };
  });
}

/**
 * The pages of an issue in the database, checked by the server's own service (the
 * admin's 审校 panel: drafts, marks left out), as sources whose findings are already
 * found. A field is named by its article: `<documentId>:body`.
 */
async function sourcesFromIssue(strapi, distDir, opts) {
  const { proofreadPage } = require(path.join(distDir, 'src', 'proofreading', 'proofread-service'));
  const where = { number: opts.issue, publishedAt: null, ...(opts.publication ? { publication: { slug: opts.publication } } : {}) };
  const issues = await strapi.db.query('api::issue.issue').findMany({ where, populate: { publication: { select: ['slug'] } } });
  const found = [...new Map(issues.map((i) => [i.documentId, i])).values()];
  const slugs = [...new Set(found.map((i) => i.publication?.slug).filter(Boolean))];
  if (!found.length) throw new Error(`no issue ${opts.issue}${opts.publication ? ` in publication "${opts.publication}"` : ''}`);
  if (found.length > 1) throw new Error(`issue ${opts.issue} exists in ${slugs.join(', ')}: say which with --publication`);
  const pages = await strapi.db.query('api::page.page').findMany({
    where: { issue: { documentId: found[0].documentId }, publishedAt: null, ...(opts.page !== undefined ? { number: opts.page } : {}) },
    orderBy: { number: 'asc' },
  });
  const unique = [...new Map(pages.map((p) => [p.documentId, p])).values()];
  if (!unique.length) throw new Error(opts.page !== undefined ? `issue ${opts.issue} has no page ${opts.page}` : `issue ${opts.issue} has no pages`);
  const sources = [];
  for (const row of unique) {
    const result = await proofreadPage(strapi, row.documentId);
    const fields = [];
    const findings = [];
    for (const a of result.articles) {
      const article = await strapi.documents('api::article.article').findOne({ documentId: a.documentId, status: 'draft', populate: { photos: true } });
      const textOf = (field) => {
        const photo = /^photos\.(\d+)\.caption$/.exec(field);
        return (photo ? article?.photos?.[Number(photo[1])]?.caption : article?.[field]) ?? '';
      };
      for (const f of a.findings) {
        const key = `${a.documentId}:${f.field}`;
        if (!fields.some((x) => x.field === key)) fields.push({ field: key, text: textOf(f.field), title: `《${a.headline ?? ''}》${f.field}` });
        findings.push({ ...f, field: key, article: a.documentId, headline: a.headline });
      }
    }
    sources.push({ label: result.page.label, fields, found: { findings, rate: result.rate } });
  }
  return sources;
}

/** The bylines' and credits' names, as the importer reads them; none when the text is not a page it can read. */
function namesIn(text, label, m) {
  try {
    const result = m.parse(text, label);
    const names = [];
    for (const page of result.pages) {
      names.push(...Object.values(page.credits ?? {}).filter(Boolean));
      for (const a of page.articles) for (const b of a.bylines) names.push(...b.names);
    }
    return [...new Set(names)];
  } catch {
    return [];
  }
}

/** 1-based line and column (in characters) of a UTF-16 offset. */
function position(text, offset) {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, col: [...text.slice(lineStart, offset)].length + 1 };
}

const show = (s) => s.replace(/\n/g, '⏎');

function check(source, m) {
  if (source.found) return source.found;
  const findings = m.proof.checkFields(source.fields, { names: source.names, lists: m.lists });
  const characters = source.fields.reduce((n, f) => n + m.proof.countCharacters(f.text), 0);
  const rate = m.proof.errorRate({ findings, characters, headlineFields: source.headlineFields });
  return { findings, rate };
}

function report(sources, m, json) {
  const all = [];
  const rates = [];
  for (const source of sources) {
    if (source.error) {
      console.error(`proofread: ${source.error}`);
      continue;
    }
    const { findings, rate } = check(source, m);
    const textOf = new Map(source.fields.map((f) => [f.field, f.text]));
    if (json) {
      // A page's finding names its article and the article's own field; offsets are into that field.
      all.push(...findings.map((f) => (f.article ? { page: source.label, ...f, field: f.field.slice(f.article.length + 1) } : { file: source.label, ...f })));
      rates.push({ [source.found ? 'page' : 'file']: source.label, ...rate });
      continue;
    }
    for (const f of findings) {
      const { line, col } = position(textOf.get(f.field), f.start);
      const title = source.fields.find((x) => x.field === f.field)?.title;
      const field = title ? ` [${title}]` : source.fields.length > 1 ? ` [${f.field}]` : '';
      const suggestion = f.suggestion !== undefined ? ` → ${f.suggestion === '' ? '（删去）' : show(f.suggestion)}` : '';
      console.log(`${source.label}:${line}:${col}${field}  ${f.rule}  ${show(f.text)}${suggestion}  ${f.message}`);
    }
    console.log(
      `${source.label}: ${findings.length} finding(s); 差错率 ${rate.rate.toFixed(2)}/万 (${rate.errors} error(s) in ${rate.characters} characters; ceiling ${rate.ceiling}/万)${rate.over ? ' — OVER the ceiling' : ''}`,
    );
  }
  if (json) process.stdout.write(`${JSON.stringify({ findings: all, rates }, null, 2)}\n`);
  return sources.some((s) => s.error) ? 2 : 0;
}

(async () => {
  let opts;
  try {
    opts = options();
  } catch (error) {
    console.error(`proofread: ${error.message}`);
    process.exit(2);
  }
  try {
    const { distDir } = await compiledAppQuietly();
    const m = modules(distDir);
    if (opts.issue === undefined) {
      process.exitCode = report(sourcesFromFiles(opts.files, m), m, opts.json);
      return;
    }
    const strapi = await loadStrapi({ env: { BANMIAN_DEMO_CONTENT: 'false' } });
    try {
      process.exitCode = report(await sourcesFromIssue(strapi, distDir, opts), m, opts.json);
    } finally {
      await shutdown(strapi);
    }
  } catch (error) {
    console.error(`proofread failed: ${error.message}`);
    process.exitCode = 2;
  }
})();
