import fs from 'fs';
import os from 'os';
import path from 'path';
import { checkFields } from '../../src/proofreading/check';
import { ListFileError, listsFrom } from '../../src/proofreading/lists';
import { loadLists, projectListDir } from '../../src/proofreading/load-lists';

const ROOT = path.join(__dirname, '..', '..');
const CORE = path.join(ROOT, 'src', 'proofreading');

describe('word lists as data', () => {
  it('names the sources of every list file, and holds lists of the promised size', () => {
    const lists = loadLists({ localDir: null });
    for (const f of lists.files) expect([f.file, f.sources.length > 0, f.entries > 0]).toEqual([f.file, true, true]);
    expect(lists.files.map((f) => f.list).sort()).toEqual(
      ['functionChars', 'functionWords', 'redundant', 'redundant', 'reduplication', 'termErrors', 'terms', 'typos', 'typos'].sort(),
    );
    expect(lists.terms.length).toBeGreaterThanOrEqual(80);
    expect(lists.typos.length).toBeGreaterThanOrEqual(300);
    for (const e of [...lists.typos, ...lists.termErrors]) expect([e.text, e.suggestion && e.suggestion !== e.text]).toEqual([e.text, true]);
    for (const e of lists.redundant) expect([e.text, !!e.why]).toEqual([e.text, true]);
    expect(new Set(lists.typos.map((e) => e.text)).size).toBe(lists.typos.length);
    expect(projectListDir()).toBe(path.join(ROOT, 'data', 'proofreading'));
  });

  it('adds a newsroom’s own lists and severities from BANMIAN_PROOF_DIR or data/proofreading/local/', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-proof-'));
    fs.writeFileSync(
      path.join(dir, 'house.json'),
      JSON.stringify({
        list: 'typos',
        title: '本报',
        sources: ['本报编辑部 2024 年差错通报'],
        entries: [['呼图壁县委组织布', '呼图壁县委组织部', '本报常见']],
      }),
    );
    fs.writeFileSync(path.join(dir, 'names.json'), JSON.stringify({ list: 'names', sources: ['本报通讯员名录'], entries: ['孟锦'] }));
    fs.writeFileSync(path.join(dir, 'severity.json'), JSON.stringify({ list: 'severity', sources: ['本报审校规定'], entries: [['halfwidth-punct', 'error']] }));
    const lists = loadLists({ env: { BANMIAN_PROOF_DIR: dir } });
    const got = checkFields([{ field: 'body', text: '呼图壁县委组织布供稿,孟金摄' }], { lists });
    expect(got.map((f) => [f.rule, f.text, f.suggestion, f.severity])).toEqual([
      ['typo', '呼图壁县委组织布', '呼图壁县委组织部', 'error'],
      ['halfwidth-punct', ',', '，', 'error'],
      ['name-homophone', '孟金', '孟锦', 'warning'],
    ]);
    // The project's lists are all still there.
    expect(lists.typos.length).toBe(loadLists({ localDir: null }).typos.length + 1);
    fs.rmSync(dir, { recursive: true });
    expect(() => loadLists({ env: { BANMIAN_PROOF_DIR: dir } })).toThrow(/BANMIAN_PROOF_DIR=.*not a folder/);
  });

  it('refuses a broken list file, naming it and the place', () => {
    expect(() => listsFrom([{ file: 'x.json', data: { list: 'typo', sources: ['a'], entries: [] } }])).toThrow(/x\.json: "list" must be one of/);
    expect(() => listsFrom([{ file: 'x.json', data: { list: 'typos', entries: [] } }])).toThrow(/x\.json: "sources" must name/);
    expect(() => listsFrom([{ file: 'x.json', data: { list: 'typos', sources: ['a'], entries: [3] } }])).toThrow(ListFileError);
    expect(() => listsFrom([{ file: 'x.json', data: { list: 'severity', sources: ['a'], entries: [['typo', 'fatal']] } }])).toThrow(/entries\[0\]: severity/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-proof-'));
    fs.writeFileSync(path.join(dir, 'bad.json'), '{ "list": ');
    expect(() => loadLists({ localDir: dir })).toThrow(/bad\.json: cannot read the list/);
    fs.rmSync(dir, { recursive: true });
  });

  it('keeps the core free of Node built-ins, so the admin bundle can import it', () => {
    // The edges: files (load-lists) and Strapi (the service, its controller). Everything else is the core.
    const EDGES = ['load-lists.ts', 'proofread-service.ts', 'admin-controller.ts'];
    // Besides its own files and two libraries, the core may use the newsroom's glossary: pure data the admin bundles too.
    const ALLOWED = ['modern-ahocorasick', 'pinyin-pro', '../newsroom/glossary'];
    for (const file of fs.readdirSync(CORE).filter((f) => f.endsWith('.ts') && !EDGES.includes(f))) {
      // Type-only imports are erased from the bundle.
      const imports = [...fs.readFileSync(path.join(CORE, file), 'utf8').matchAll(/^import (?!type )[^;]*?from '([^']+)'/gms)].map((m) => m[1]);
      expect([file, imports.filter((i) => !i.startsWith('./') && !ALLOWED.includes(i))]).toEqual([file, []]);
    }
  });
});
