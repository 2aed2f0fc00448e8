import { parseOcrFile } from '../../src/ocr-import/import';
import { checkNoLoss } from '../../src/ocr-import/no-loss';
import { applyEdits, readEdits } from '../../src/ocr-import/edits';
import { NewsroomError } from '../../src/newsroom/messages';

// An article with no byline, subtitle or band label right after one that has no end line: nothing in
// the text separates them, so the parser reads its headline as a subhead. The editor splits it there.
const text = [
  '支部建在网格上',
  '□本报通讯员 林晓峰',
  '',
  '街道把党支部建在网格上，推动党员力量下沉一线。',
  '',
  '截至目前，共办结群众诉求1260余件。',
  '',
  '红心驿站暖民心',
  '',
  '社区党委打造“红心驿站”党群服务阵地，累计服务群众2万余人次。',
  '',
  '（白山社区党委供稿）',
].join('\n');
const parsed = () => parseOcrFile(Buffer.from(text), 'page.txt');

describe('splitting and merging articles before import', () => {
  it('splits an article at a paragraph: its headline, the paragraphs after it, and the end lines', () => {
    const before = parsed().pages[0].articles;
    expect(before.map((a) => a.headline)).toEqual(['支部建在网格上']);
    expect(before[0].body.split('\n\n')[2]).toBe('### 红心驿站暖民心');

    const after = parseOcrFile(Buffer.from(text), 'page.txt', undefined, [{ op: 'split', page: 0, article: 0, paragraph: 2 }]);
    const [a, b] = after.pages[0].articles;
    expect([a.headline, a.suppliedBy, a.body]).toEqual([
      '支部建在网格上',
      null,
      '街道把党支部建在网格上，推动党员力量下沉一线。\n\n截至目前，共办结群众诉求1260余件。',
    ]);
    expect(a.bylines).toEqual([{ role: '本报通讯员', names: ['林晓峰'] }]);
    expect([b.headline, b.suppliedBy, b.body, b.bylines]).toEqual([
      '红心驿站暖民心',
      '白山社区党委',
      '社区党委打造“红心驿站”党群服务阵地，累计服务群众2万余人次。',
      [],
    ]);
    expect(b.boundary).toEqual({ start: 'editor-split', end: 'supplied-by', weak: false });
    expect(checkNoLoss(text, after)).toEqual([]);
    expect(after.warnings).toEqual([]);
  });

  it('merges an article into the one before: its headline becomes a subhead, nothing is lost', () => {
    const split = applyEdits(parsed(), [{ op: 'split', page: 0, article: 0, paragraph: 2 }]);
    const merged = applyEdits(split, [{ op: 'merge', page: 0, article: 1 }]);
    expect(merged.pages[0].articles).toHaveLength(1);
    expect(merged.pages[0].articles[0].body).toBe(parsed().pages[0].articles[0].body);
    expect(merged.pages[0].articles[0].suppliedBy).toBe('白山社区党委');
    expect(checkNoLoss(text, merged)).toEqual([]);
  });

  it('refuses an edit that names no article or paragraph, saying which edit', () => {
    const refused = (edits: any[]) => {
      try {
        applyEdits(parsed(), edits);
      } catch (error) {
        return error;
      }
      return null;
    };
    expect(refused([{ op: 'merge', page: 0, article: 0 }])).toMatchObject({ code: 'import.badEdit', params: { index: 0 } });
    expect(
      refused([
        { op: 'split', page: 0, article: 0, paragraph: 1 },
        { op: 'split', page: 0, article: 3, paragraph: 0 },
      ]),
    ).toMatchObject({
      params: { index: 1, why: 'no article 3 on page 0' },
    });
    expect(refused([{ op: 'split', page: 0, article: 0, paragraph: 9 }])).toBeInstanceOf(NewsroomError);
    expect(refused([{ op: 'rotate', page: 0, article: 0 }])).toMatchObject({ params: { why: 'unknown edit "rotate" (merge, split or line)' } });
    expect(() => readEdits('{')).toThrow('edits is not JSON');
    expect(readEdits('')).toEqual([]);
  });
});
