/**
 * The importer's warnings, in the newsroom's words (the dry run, the admin's 导入 view
 * and the command line show them as they are), each with a stable `code` for programs
 * that word them otherwise. A warning also names its line and the rule that gave it
 * (parse-state.ts, OcrWarning).
 */
export type WarningText = { code: string; message: string };

const w = (code: string, message: string): WarningText => ({ code, message });

export const W = {
  untitled: () => w('ocr.untitled', '第一个标题之前的文字：已放入标题为“（无标题）”的稿件'),
  photoCreditOutside: (line: string) => w('ocr.photoCreditOutside', `图片署名「${line}」不在任何稿件内`),
  photoCreditNoCaption: () => w('ocr.photoCreditNoCaption', '图片署名没有对应的图片说明'),
  doubledAcrossBreak: (ch: string) => w('ocr.doubledAcrossBreak', `删除了分栏处重复的「${ch}」`),
  repeatedPassage: (piece: string) => w('ocr.repeatedPassage', `删除了识别时重复的一段文字「${piece}」`),
  repeatedParagraph: () => w('ocr.repeatedParagraph', '删除了识别时重复的一整段'),
  doubledQuotation: (quote: string) => w('ocr.doubledQuotation', `删除了重复的引语${quote}`),
  doubledWord: (word: string) => w('ocr.doubledWord', `删除了重复的词「${word}」`),
  strayWord: (word: string) => w('ocr.strayWord', `删除了中文词语之间多余的英文词「${word}」`),
  inHouseCode: (code: string) => w('ocr.inHouseCode', `删除了图片署名前的内部编号「${code}」（不是人名）`),
  noLoss: (fragment: string, found: number) =>
    w(
      found === 0 ? 'ocr.noLoss.missing' : 'ocr.noLoss.repeated',
      `无损检查：「${fragment}」${found === 0 ? '在读出的内容中找不到' : `在读出的内容中出现了 ${found} 次`}，请核对这段`,
    ),
};
