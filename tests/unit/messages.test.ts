import { MESSAGES, NewsroomError, isMessageCode, languageOf, phrase, type MessageCode } from '../../src/newsroom/messages';
import { InputError } from '../../src/ocr-import/decode';
import { decodeOcrBytes } from '../../src/ocr-import/decode';

/** Sample parameters for every code: each wording must use them, in every surface. */
const SAMPLE: { [C in MessageCode]: Parameters<(typeof MESSAGES)[C]['zh']>[0] } = {
  'admin.notAllowed': { action: 'update', type: 'issue' },
  'admin.fieldsNotAllowed': { type: 'page', fields: ['placements.col'] },
  'entry.notFound': { type: 'page', documentId: 'doc77' },
  'sign.roleNotHeld': { role: 'layout' },
  'sign.complete': { page: { issue: 8, number: 3 } },
  'sign.alreadySigned': { page: { issue: 8, number: 3 }, stage: 'edited', role: 'editor', next: 'layout' },
  'sign.outOfOrder': { page: { issue: 8, number: 3 }, stage: 'collecting', role: 'layout', next: 'editor' },
  'sign.stale': { page: { issue: 8, number: 3 } },
  'proofread.openErrors': { page: { issue: 8, number: 3 }, count: 2, articles: ['党旗领航争当先锋', '支部建在网格上'] },
  'proofread.reasonMissing': {},
  'proofread.noSuchFinding': { rule: 'typo', text: '震憾' },
  'proofread.stale': { field: 'photos.0.caption', text: '震憾' },
  'withdraw.superAdminOnly': {},
  'withdraw.reasonMissing': {},
  'withdraw.notPublished': { headline: '党旗领航争当先锋' },
  'withdraw.isWithdrawn': { headline: '党旗领航争当先锋', date: '2024-07-05' },
  'changes.noSuchVersion': { page: { issue: 8, number: 3 }, id: 'k2x9versionid' },
  'sign.unknownRole': { role: 'printer', roles: ['editor', 'layout', 'proofreader'] },
  'sign.contributorLinked': { name: '王芳', linkedEmail: 'a@x.cn', email: 'b@x.cn' },
  'issue.noPages': { issue: 8 },
  'issue.unsigned': { issue: 8, pages: [{ number: 3, stage: 'edited', missing: ['layout', 'proofreader'] }] },
  'schedule.badTime': { value: 'tomorrow', timeZone: 'Asia/Shanghai' },
  'schedule.past': { at: '2026-12-02 08:00', now: '2026-12-02 09:30', timeZone: 'Asia/Shanghai' },
  'schedule.none': { issue: 8 },
  'search.badParameter': { parameter: 'issueFrom', value: 'x', expected: 'integer' },
  'schedule.fireFailed': { why: 'connection lost' },
  'page.unsigned': { page: { issue: 8, number: 3 }, stage: 'edited', missing: ['layout'] },
  'page.issueNotLive': { page: { issue: 8, number: 3 }, issue: 8 },
  'article.placed': { headline: '红色引擎', pages: [{ issue: 8, number: 3 }] },
  'entry.liveDelete': { type: 'page', label: '第8期第3版 党建' },
  'entry.inUseByLive': { type: 'column', label: '争先创优', count: 2 },
  'file.inUse': { name: 'photo.jpg', articles: ['红色引擎'] },
  'page.stageBySignature': {},
  'history.readOnly': {},
  'contributor.adminEmailSuperAdmin': {},
  'contributor.inUse': { name: '王芳', pages: [{ issue: 8, number: 3 }], articles: ['红色引擎'] },
  'read.draftNeedsToken': { status: 'draft' },
  'read.badStatus': { status: 'all' },
  'read.badLocale': { locale: 'fr' },
  'read.sortThroughRelation': { sort: 'column.name' },
  'read.dynamicZoneFilter': { parameter: 'filters.blocks' },
  'query.badFilter': { parameter: 'filters[$or]', problem: 'list' },
  'docs.adminOnly': {},
  'field.slugTaken': { slug: 'hongse-yinqing' },
  'field.slugInvalid': { slug: '../../x' },
  'field.nameEmpty': {},
  'field.contributorExists': { name: '王芳', documentId: 'doc77' },
  'field.numberTaken': { number: 3, owner: 'issue', documentId: 'doc77' },
  'field.required': { field: 'headline' },
  'field.tooLong': { field: 'headline', max: 200 },
  'upload.tooLarge': { limitMb: 50 },
  'upload.tooManyFiles': { max: 20, count: 21 },
  'upload.tooManyFields': { max: 200 },
  'upload.unreadable': { why: 'Unexpected end of form' },
  'import.chooseFile': {},
  'import.empty': { file: 'p.txt' },
  'import.tooLarge': { file: 'p.txt', bytes: 6 * 1024 * 1024, max: 5 * 1024 * 1024 },
  'import.tooManyEdits': { count: 1001, max: 1000 },
  'import.parseTimeout': { file: 'p.txt', seconds: 120 },
  'import.parseFailed': { file: 'p.txt', why: 'out of memory' },
  'import.binary': { file: 'p.txt' },
  'import.unknownEncoding': { file: 'p.txt', encoding: 'ebcdic' },
  'import.wrongEncoding': { file: 'p.txt', encoding: 'big5' },
  'import.undecodable': { file: 'p.txt' },
  'import.noText': { file: 'p.txt' },
  'import.unknownFormat': { file: 'p.doc', ext: '.doc' },
  'import.notPdf': { file: 'p.pdf' },
  'import.encryptedPdf': { file: 'p.pdf' },
  'import.scannedPdf': { file: 'p.pdf', pages: 2 },
  'import.corruptDocx': { file: 'p.docx', why: 'end of central directory not found' },
  'import.emptyHtml': { file: 'p.html' },
  'import.noArticle': { file: 'p.txt' },
  'import.noIssueNumber': { file: 'p.txt' },
  'import.issueMissing': { file: 'p.txt', issue: 43 },
  'import.noPublication': { file: 'p.txt', slug: 'nope' },
  'import.choosePublication': { file: 'p.txt', count: 2 },
  'import.running': { file: 'p.txt', since: '2024-01-01T00:00:00Z' },
  'import.badEdit': { index: 0, why: 'no article 9 on page 0' },
  'import.badLineEdit': { index: 1, page: 0, line: 7, problem: 'badTarget', to: 'body', options: ['theme', 'column'] },
  'import.badIssueNumber': {},
  'import.badDate': {},
  'import.targetPublication': {},
  'import.targetIssue': {},
  'import.twoTargets': {},
  'import.newIssueDate': { number: 13 },
  'import.issueExists': { number: 13, date: '2024-10-11', existing: 'abc', publication: '昌吉党建' },
  'import.issueOtherPublication': { number: 13, publication: '昌吉党建', chosen: '鹤岗党建' },
  'import.badPages': { count: 2, expected: 1 },
  'import.badPageNumber': { page: 1 },
  'import.samePageNumber': { number: 3 },
  'import.pageNameTooLong': { page: 1, max: 100 },
  'export.noPublication': { slug: 'nope' },
  'export.notFound': { issue: 99, drafts: false },
  'export.severalPublications': { issue: 8, slugs: ['a', 'b'] },
  'export.empty': { issue: 8, pages: 0 },
  'backup.notFound': { file: 'b.tar.gz' },
  'backup.noKey': {},
  'backup.keyAndNoEncrypt': {},
  'backup.keyTooShort': { min: 12 },
  'backup.needsKey': { file: 'b.tar.gz.enc' },
  'backup.wrongKey': { file: 'b.tar.gz.enc' },
  'backup.damaged': { file: 'b.tar.gz', why: 'unexpected end of file' },
  'backup.failed': { why: 'File ID not found for ID: 9', bucket: true },
  'layout.noIssue': { documentId: 'doc77' },
  'layout.changed': { page: '第8期第3版' },
  'layout.outside': { headline: '党建引领', columns: 8, rows: 20 },
  'layout.overlap': { headline: '党建引领', other: '乡村振兴' },
  'format.invalid': { field: 'typeWidth', kind: 'widerThanPaper', limit: [390] },
  'export.photoUnreadable': { url: '/uploads/x.jpg', why: 'HTTP 404' },
  'export.pathOutside': { path: 'articles/../../../x.html', folder: '/srv/exports/paper/8' },
};

const HAN = /\p{Script=Han}/u;
/** English wording may quote Chinese data (第8期, names) but no Chinese words of its own. */
const ownWords = (text: string, p: object) => {
  let t = text
    .replace(/第\S*?[期版]/gu, '')
    .replace(/[「“"][^」”"]*[」”"]/gu, '')
    .replace(/人员\/单位/g, '');
  for (const v of JSON.stringify(p).match(/[\p{Script=Han}]+/gu) ?? []) t = t.split(v).join('');
  return t;
};

describe('messages: every refusal in every surface', () => {
  const codes = Object.keys(MESSAGES) as MessageCode[];

  it('has sample parameters for every code (so this test covers the whole catalog)', () => {
    expect(Object.keys(SAMPLE).sort()).toEqual([...codes].sort());
    expect(codes.every(isMessageCode)).toBe(true);
    expect(isMessageCode('toString')).toBe(false);
  });

  it.each(codes)('%s reads as Chinese in zh-Hans and as English in en and cli', (code) => {
    const params = SAMPLE[code] as any;
    const zh = phrase(code, params, 'zh-Hans');
    const en = phrase(code, params, 'en');
    const cli = phrase(code, params, 'cli');
    expect(zh).toMatch(HAN);
    expect(zh).not.toBe(en);
    for (const text of [en, cli]) expect(ownWords(text, params)).not.toMatch(HAN);
    // Names, files and numbers given are in every wording.
    for (const value of [params.file, params.slug, params.headline, params.name, params.documentId].filter(Boolean)) {
      for (const text of [zh, en, cli]) expect(text).toContain(value);
    }
  });

  it('the command line names flags, the admin names form fields', () => {
    expect(phrase('import.noIssueNumber', { file: 'p.txt' }, 'cli')).toBe('p.txt: the text names no issue (第N期): pass --issue <number>');
    expect(phrase('import.noIssueNumber', { file: 'p.txt' }, 'en')).not.toContain('--');
    expect(phrase('import.noIssueNumber', { file: 'p.txt' }, 'zh-Hans')).toBe('p.txt：文中没有期号（第N期），请填写“期号”');
    expect(phrase('export.severalPublications', { issue: 8, slugs: ['a', 'b'] }, 'cli')).toContain('--publication');
  });

  it('lists pages and roles in each language’s way', () => {
    const p = SAMPLE['issue.unsigned'];
    expect(phrase('issue.unsigned', p, 'zh-Hans')).toBe('第8期不能发布：第3版（已编辑）缺版式、审校签字。每一版都要编辑、版式、审校签字（已审校）后才能发布');
    expect(phrase('issue.unsigned', p, 'en')).toContain('page 3 (edited) lacks the layout, proofreader signatures');
  });

  it('a core’s error carries code and parameters, and the command-line wording as its message', () => {
    let caught: unknown;
    try {
      decodeOcrBytes(Buffer.alloc(0), 'empty.txt');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect(caught).toBeInstanceOf(NewsroomError);
    expect(caught).toMatchObject({ code: 'import.empty', params: { file: 'empty.txt' }, message: 'empty.txt: the file is empty' });
  });

  it('takes an admin profile’s language: English if it says so, Chinese otherwise', () => {
    expect([languageOf('en'), languageOf('en-GB'), languageOf('zh-Hans'), languageOf(null), languageOf('fr')]).toEqual([
      'en',
      'en',
      'zh-Hans',
      'zh-Hans',
      'zh-Hans',
    ]);
  });
});
