import { spawnSync } from 'child_process';
import fs from 'fs';
import iconv from 'iconv-lite';
import os from 'os';
import path from 'path';

/** `npm run proofread` as a newsroom runs it, on files (the compiled app is the test run's: BANMIAN_DIST_READY). */
const ROOT = path.join(__dirname, '..', '..');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'proofread.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, BANMIAN_DIST_READY: '1', INIT_CWD: ROOT },
  });

describe('npm run proofread -- <file>…', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-proofread-'));
  const page = path.join(dir, 'page.txt');
  const text = '党建引领 做强产业链\n\n□本报通讯员 孟锦\n\n近年来,呼图壁县组织党员党员深入田间。孟金表示，要再接再励。\n';
  fs.writeFileSync(page, text);
  afterAll(() => fs.rmSync(dir, { recursive: true }));

  it('prints file:line:col, the rule, the text and its suggestion, and the 差错率', () => {
    const r = run(page);
    expect([r.status, r.stderr]).toEqual([0, '']);
    const rel = path.relative(ROOT, page);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      `${rel}:5:4  halfwidth-punct  , → ，  中文里用了半角逗号“,”，应为全角“，”（GB/T 15834-2011）`,
      `${rel}:5:11  doubled-word  党员党员 → 党员  “党员”连续出现两次，疑为重复录入（OCR 常见），保留一个`,
      `${rel}:5:20  name-homophone  孟金 → 孟锦  人名疑有误：署名作“孟锦”，此处作“孟金”（同音）`,
      `${rel}:5:26  typo  再接再励 → 再接再厉  “再接再励”应为“再接再厉”（常见别字）`,
      expect.stringMatching(
        new RegExp(`^${rel}: 4 finding\\(s\\); 差错率 [\\d.]+/万 \\(3\\.1 error\\(s\\) in 47 characters; ceiling 3/万\\) — OVER the ceiling$`),
      ),
    ]);
  });

  it('--json gives offsets into the text as given, each finding with its file, and reads GB18030', () => {
    const gb = path.join(dir, 'gb.txt');
    fs.writeFileSync(gb, iconv.encode(text, 'gb18030'));
    const r = run('--json', page, gb);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.findings).toHaveLength(8);
    for (const f of out.findings) expect(text.slice(f.start, f.end)).toBe(f.text);
    expect(out.findings.map((f: { file: string }) => path.basename(f.file))).toEqual([...Array(4).fill('page.txt'), ...Array(4).fill('gb.txt')]);
    expect(out.rates.map((x: { errors: number; characters: number }) => [x.errors, x.characters])).toEqual([
      [3.1, 47],
      [3.1, 47],
    ]);
  });

  it('exits 2 naming a file it cannot read, after checking the others', () => {
    const r = run(page, path.join(dir, 'missing.txt'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/proofread: .*missing\.txt: cannot read \(ENOENT\)/);
    expect(r.stdout).toMatch(/page\.txt: 4 finding\(s\)/);
    expect(run().status).toBe(2);
  });
});
