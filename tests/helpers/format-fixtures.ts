import fs from 'fs';
import path from 'path';
import sharp from 'sharp';
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, TextRun } from 'docx';
import { buildSiteFiles } from '../../src/broadsheet/site';
import { launchChromium } from '../../src/broadsheet/copyfit';
import type { ImageIndex } from '../../src/broadsheet/view-model';
import { demoTree } from './demo-tree';

/**
 * The files the format golden tests read (tests/fixtures/import-formats/), made here so
 * anyone can make them again: `UPDATE_FORMAT_FIXTURES=1 npx jest tests/unit/import-formats-golden.test.ts`.
 * The .docx is a correspondent's manuscript written with the `docx` package; the PDF is the
 * demo issue's print.html (the project's own broadsheet) printed in Chromium. The saved
 * web page (epaper-article.html) was written by hand.
 */
export const FORMAT_FIXTURES = path.join(__dirname, '..', 'fixtures', 'import-formats');

/** A manuscript: Title, a byline paragraph, body with a subhead, a photo and its Caption, an author note. */
export async function manuscriptDocx(): Promise<Buffer> {
  const p = (text: string) => new Paragraph({ children: [new TextRun(text)] });
  const doc = new Document({
    creator: '通讯员 李建国',
    title: '村里来了“红色管家”',
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun('村里来了“红色管家”')] }),
          p('本报通讯员 李建国 赵 敏'),
          p('入秋以来，玛纳斯县包家店镇塔西河村的“红色管家”服务队格外忙碌：帮老人代办医保、为种植户联系收购商、调解邻里纠纷……村民有事，一个电话就到。'),
          p(
            '“红色管家”由村里的党员和入党积极分子组成，每人联系十到十五户村民。村党支部书记王新民说，过去群众办事要跑镇里，现在党员上门代办，群众少跑腿，干群关系也更近了。',
          ),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('小事不出村')] }),
          p('服务队建立了“群众点单、支部派单、党员接单”的工作机制，今年已为村民办理各类事项三百余件，化解矛盾纠纷二十余起。'),
          new Paragraph({
            children: [
              new ImageRun({
                type: 'jpg',
                data: await sharp({ create: { width: 240, height: 160, channels: 3, background: '#b04040' } })
                  .jpeg()
                  .toBuffer(),
                transformation: { width: 320, height: 213 },
              }),
            ],
          }),
          new Paragraph({ style: 'Caption', children: [new TextRun('图为“红色管家”服务队党员为村民讲解医保政策。')] }),
          p('李建国摄'),
          p('下一步，塔西河村将把“红色管家”经验推广到全镇，让党员在服务群众中当先锋、作表率。'),
          p('（作者系玛纳斯县包家店镇党委宣传委员）'),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function imagesFor(tree: ReturnType<typeof demoTree>): ImageIndex {
  const index: ImageIndex = new Map();
  for (const page of tree.pages)
    for (const pl of page.placements)
      for (const ph of pl.article.photos)
        index.set(ph.image!.url, {
          width: 1800,
          height: 1200,
          printJpeg: 'images/photo.jpg',
          variants: [{ width: 1600, height: 1067, webp: 'images/photo.jpg', jpeg: 'images/photo.jpg' }],
        });
  return index;
}

/** The demo issue's print.html, printed as a user prints it (the page's own size, backgrounds). */
export async function broadsheetPdf(): Promise<Buffer> {
  const tree = demoTree();
  const files = buildSiteFiles(tree, imagesFor(tree));
  const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'banmian-print-'));
  try {
    for (const [name, body] of files) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), body);
    }
    fs.mkdirSync(path.join(dir, 'images'), { recursive: true });
    // A small grey photo: the PDF's text is what is read, and the fixture stays small.
    await sharp({ create: { width: 240, height: 160, channels: 3, background: '#9a9a9a' } })
      .jpeg({ quality: 60 })
      .toFile(path.join(dir, 'images', 'photo.jpg'));
    const browser = await launchChromium(process.env.CHROMIUM_PATH || '/usr/bin/chromium');
    try {
      const page = await browser.newPage();
      await page.goto(`file://${path.join(dir, 'print.html')}`, { waitUntil: 'load' });
      return await page.pdf({ preferCSSPageSize: true, printBackground: true });
    } finally {
      await browser.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A minimal PDF with these objects (1: catalog, 2: pages, 3: one page) and trailer entries, with a right xref table. */
function tinyPdf(objects: string[], trailer = ''): Buffer {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, k) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${k + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer}>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
const PAGE_TREE = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'];

/** What a scanner gives: a page with no text layer. */
export const scannedPdf = () => tinyPdf(PAGE_TREE);

/** A PDF with a user password (standard security handler; the empty password does not open it). */
export const encryptedPdf = () =>
  tinyPdf(
    [...PAGE_TREE, `<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <${'7a'.repeat(32)}> /U <${'3c'.repeat(32)}> >>`],
    `/Encrypt 4 0 R /ID [<${'11'.repeat(16)}> <${'11'.repeat(16)}>] `,
  );
