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
  for (const file of fs.readdirSync(DIR).filter((f) => f.endsWith('.tsx'))) {
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
