import fs from 'fs';
import path from 'path';

/**
 * The admin panels' words come from two translation files (src/admin/translations):
 * both must hold the same messages, with the same {placeholders}, and every message
 * a panel asks for must be in them.
 */
const DIR = path.join(__dirname, '..', '..', 'src', 'admin');
const read = (name: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(DIR, 'translations', name), 'utf8'));
const zh = read('zh-Hans.json');
const en = read('en.json');
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

it('zh-Hans and en hold the same messages with the same placeholders', () => {
  expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  for (const id of Object.keys(zh)) expect([id, placeholders(en[id])]).toEqual([id, placeholders(zh[id])]);
  for (const id of Object.keys(en)) expect([id, /\p{Script=Han}/u.test(en[id])]).toEqual([id, false]);
});

it('every message the panels use is translated', () => {
  const used = new Set<string>();
  // The panels, and the home page's widgets in home/.
  for (const file of (fs.readdirSync(DIR, { recursive: true }) as string[]).filter((f) => f.endsWith('.tsx'))) {
    const source = fs.readFileSync(path.join(DIR, file), 'utf8');
    for (const match of source.matchAll(/\bm\('([\w.-]+)'/g)) used.add(match[1]);
  }
  expect(used.size).toBeGreaterThan(30);
  for (const id of used) expect([id, id in zh]).toEqual([id, true]);
});

it('names every rule that can decide an article’s boundary (the 导入 view shows them)', () => {
  const state = fs.readFileSync(path.join(DIR, '..', 'ocr-import', 'parse-state.ts'), 'utf8');
  const cues = (type: string) => [...new RegExp(`export type ${type} = ([^;]+);`).exec(state)![1].matchAll(/'([\w-]+)'/g)].map((m) => m[1]);
  const all = [...cues('StartCue'), ...cues('EndCue')];
  expect(all.length).toBeGreaterThan(12);
  for (const cue of all) expect([cue, `import.cue.${cue}` in zh]).toEqual([cue, true]);
});

describe("Strapi's own strings in zh-Hans (translations/strapi-zh-Hans.json)", () => {
  // Strapi's English, as the admin assembles it: the admin's keys as they are, each plugin's under its id.
  const PLUGINS: Record<string, string> = {
    'content-manager': '@strapi/content-manager/dist/admin',
    upload: '@strapi/upload/dist/admin',
    i18n: '@strapi/i18n/dist/admin',
    'users-permissions': '@strapi/plugin-users-permissions/dist/admin',
  };
  // Read by path: the packages' exports do not list these files.
  const nm = (file: string): Record<string, string> => {
    const m = require(path.join(__dirname, '..', '..', 'node_modules', file));
    return m.default ?? m;
  };
  const english: Record<string, string> = { ...nm('@strapi/admin/dist/admin/admin/src/translations/en.json.js') };
  for (const [id, dir] of Object.entries(PLUGINS)) {
    for (const [k, v] of Object.entries(nm(`${dir}/translations/en.json.js`))) english[`${id}.${k}`] = v;
  }
  // Strapi also asks for messages its English file lacks (`search.placeholder`, the list's status header…),
  // with an English default in the code: those are found in its admin bundles.
  const walk = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.mjs') ? [path.join(dir, e.name)] : []));
  const BUNDLES: Array<[string, string]> = [['@strapi/admin/dist/admin', ''], ...Object.entries(PLUGINS).map(([id, dir]): [string, string] => [dir, `${id}.`])];
  for (const [dir, prefix] of BUNDLES) {
    for (const file of walk(path.join(__dirname, '..', '..', 'node_modules', dir))) {
      if (file.includes(`${path.sep}translations${path.sep}`)) continue;
      const source = fs.readFileSync(file, 'utf8');
      for (const m of source.matchAll(
        /id:\s*(?:(getTranslation|getTrad|getTranslationKey)\()?(['"`])([^'"`$]+)\2\)?\s*,\s*defaultMessage:\s*(['"`])((?:\\.|(?!\4).)*)\4/g,
      )) {
        const key = (m[1] ? prefix : '') + m[3];
        if (!(key in english)) english[key] = m[5];
      }
    }
  }
  const strapiZh = read('strapi-zh-Hans.json');
  const { parse, TYPE } = require('@formatjs/icu-messageformat-parser');
  /** The argument names a message uses, at any depth of plural/select. */
  const args = (message: string): string[] => {
    const names = new Set<string>();
    const walk = (nodes: any[]) => {
      for (const n of nodes) {
        if ('value' in n && n.type !== TYPE.literal && n.type !== TYPE.pound) names.add(n.value);
        if (n.options) for (const o of Object.values(n.options) as any[]) walk(o.value);
        if (n.children) walk(n.children);
      }
    };
    walk(parse(message, { ignoreTag: false }));
    return [...names].sort();
  };

  it('translates keys Strapi has, in valid message syntax, using only the values Strapi passes', () => {
    expect(Object.keys(strapiZh).length).toBeGreaterThan(700);
    for (const [key, zhText] of Object.entries(strapiZh)) {
      expect([key, key in english]).toEqual([key, true]);
      const extra = args(zhText).filter((a) => !args(english[key]).includes(a));
      expect([key, extra]).toEqual([key, []]);
      // Chinese, or nothing but values and signs (`{count} {label}`, ` / `), or technical words (`noopener, nofollow`).
      const words = zhText.replace(/\{\w+\}/g, '');
      expect([key, /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]|^[^A-Za-z]*$|^[\w\s,._-]+$/u.test(words)]).toEqual([key, true]);
    }
  });

  it("leaves none of the editor's screens in English: every key of the content manager, media library and i18n has Chinese", () => {
    const strapiOwnZh: Record<string, string> = { ...nm('@strapi/admin/dist/admin/admin/src/translations/zh-Hans.json.js') };
    for (const [id, dir] of Object.entries(PLUGINS)) {
      for (const [k, v] of Object.entries(nm(`${dir}/translations/zh-Hans.json.js`))) strapiOwnZh[`${id}.${k}`] = v;
    }
    const editorKeys = Object.keys(english).filter((k) =>
      /^(content-manager|upload|i18n|users-permissions|HomePage|global|components|app\.utils|widget)\./.test(k),
    );
    const untranslated = editorKeys.filter((k) => !(k in strapiZh) && !(k in strapiOwnZh));
    expect(untranslated).toEqual([]);
  });
});

describe('names the Content Manager asks for by id (src/admin/messages.ts)', () => {
  // By absolute path: the panels are not in the server build (dist/) that ../../src/ maps to.
  const { translations } = require(path.join(DIR, 'messages.ts'));
  const SRC = path.join(DIR, '..');
  const schemas: Array<[string, { attributes: Record<string, { enum?: string[] }> }]> = [
    ...fs
      .readdirSync(path.join(SRC, 'api'))
      .map((n): [string, any] => [`content-types.api::${n}.${n}`, require(path.join(SRC, 'api', n, 'content-types', n, 'schema.json'))])
      // A type hidden from the Content Manager (审校 marks) has no screen that asks for its labels.
      .filter(([, schema]) => schema.pluginOptions?.['content-manager']?.visible !== false),
    ...fs
      .readdirSync(path.join(SRC, 'components', 'newsroom'))
      .map((f): [string, any] => [`components.newsroom.${f.replace(/\.json$/, '')}`, require(path.join(SRC, 'components', 'newsroom', f))]),
  ];

  it('has every field of every type and component, and every choice of a list field, in both languages (a dev build logs each one missing)', () => {
    expect(schemas.length).toBeGreaterThan(10);
    for (const lang of ['zh-Hans', 'en']) {
      for (const [scope, schema] of schemas) {
        for (const field of ['id', ...Object.keys(schema.attributes), 'updatedAt']) {
          const id = `content-manager.${scope}.${field}`;
          expect([lang, id, id in translations[lang]]).toEqual([lang, id, true]);
        }
        for (const code of Object.values(schema.attributes).flatMap((a) => a.enum ?? []))
          expect([lang, code, code in translations[lang]]).toEqual([lang, code, true]);
      }
    }
  });

  it('words them as the views label them: banmian’s label with the field’s name, the stage’s word with its code', () => {
    const zhNames = translations['zh-Hans'];
    expect(zhNames['content-manager.content-types.api::issue.issue.number']).toBe('期号 number');
    expect(zhNames['content-manager.content-types.api::article.article.updatedAt']).toBe('更新时间');
    expect(zhNames['content-manager.components.newsroom.page-credits.editor']).toBe('编辑 editor');
    expect(zhNames['content-manager.content-types.api::article.article.importHash']).toBe('importHash');
    expect(zhNames.collecting).toBe('采编 collecting');
    expect(translations.en.collecting).toBe('collecting');
  });
});
