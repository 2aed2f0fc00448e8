import * as React from 'react';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Box, Button, Field, Flex, Link, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import type { OcrArticle } from '../ocr-import/parse';
import type { ArticleEdit } from '../ocr-import/edits';
import type { ImportSummary } from '../ocr-import/import';
import type { ImportFindings } from '../proofreading/import-findings';
import { fieldLabel } from '../proofreading/article-fields';
import { useErrorText, useMessages } from './messages';
import { ImportLineChoices } from './import-line-choices';
import { ImportTargetForm, NEW_ISSUE, emptyChoice, issueLabel, pagesAsRead, targetFields, useImportTargets, type TargetChoice } from './ocr-import-target';

/**
 * 导入 OCR 文本: choose a page (.txt, a saved .html page, a .pdf, a .docx manuscript) and where it goes (ocr-import-target.tsx), see what the importer read (the dry run),
 * check first the articles whose boundaries rest on a weak cue (highlighted), split
 * or merge articles where the parser was wrong, then confirm to write it as draft
 * content. Each split or merge asks the server for the dry run again with the list
 * of edits, and 确认导入 sends the same list. Server side: src/ocr-import/admin-controller.ts.
 */

// The server's own types (erased from the bundle): what the dry run and the import return.
type Result = ImportFindings;
type Summary = ImportSummary;

/** The encodings offered; 自动识别 lets the server tell UTF-8 from GB18030/GBK (decode.ts). */
const ENCODINGS = [
  ['auto', 'import.encodingAuto'],
  ['utf-8', 'import.encodingUtf8'],
  ['gb18030', 'import.encodingGb'],
] as const;
/** A page's edit view in the content manager. */
const pageUrl = (documentId: string) => `/admin/content-manager/collection-types/api::page.page/${documentId}?plugins[i18n][locale]=zh-Hans`;

/** The page's text file and the form's fields as one multipart form (the server reads the field `file`). */
const formData = (file: File, fields: Record<string, string>) => {
  const data = new FormData();
  data.append('file', file, file.name);
  for (const [key, value] of Object.entries(fields)) if (value) data.append(key, value);
  return data;
};

const OcrImportPage = () => {
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const m = useMessages();
  const errorMessage = useErrorText();
  const [upload, setUpload] = React.useState<File | null>(null);
  const [result, setResult] = React.useState<Result | null>(null);
  const [summary, setSummary] = React.useState<Summary | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [encoding, setEncoding] = React.useState('auto');
  const [choice, setChoice] = React.useState<TargetChoice>(emptyChoice);
  const { targets, failed, reload } = useImportTargets();
  const [edits, setEdits] = React.useState<ArticleEdit[]>([]);
  const [splitting, setSplitting] = React.useState<string | null>(null);
  const fileInput = React.useRef<HTMLInputElement>(null);
  const summaryBox = React.useRef<HTMLDivElement>(null);

  // One publication: it is the only choice. The issue is never chosen for the editor.
  React.useEffect(() => {
    if (targets?.publications.length === 1 && !choice.publication) setChoice((c) => ({ ...c, publication: targets.publications[0].documentId }));
  }, [targets, choice.publication]);
  React.useEffect(() => {
    if (summary) summaryBox.current?.scrollIntoView({ block: 'center' });
  }, [summary]);

  const preview = async (file: File, nextEdits: ArticleEdit[], enc = encoding) => {
    setBusy(true);
    setError(null);
    try {
      const { data } = await post(
        '/banmian/import/preview',
        formData(file, { encoding: enc === 'auto' ? '' : enc, edits: nextEdits.length ? JSON.stringify(nextEdits) : '' }),
      );
      const parsed = (data as { data: Result }).data;
      // A new file's pages start as read; edits keep what the editor typed.
      if (!result || file !== upload || parsed.pages.length !== choice.pages.length) setChoice((c) => ({ ...c, pages: pagesAsRead(parsed) }));
      setResult(parsed);
      setEdits(nextEdits);
      setSplitting(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const choose = async (event: React.ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // choosing the same file again reads it again
    setResult(null);
    setSummary(null);
    setEdits([]);
    if (!file) return;
    setUpload(file);
    await preview(file, []);
  };
  const chooseEncoding = (value: string) => {
    setEncoding(value);
    if (upload) preview(upload, edits, value);
  };

  const edit = (e: ArticleEdit | null) => upload && preview(upload, e ? [...edits, e] : edits.slice(0, -1));

  const issueTaken =
    choice.issue === NEW_ISSUE && targets?.publications.some((p) => p.documentId === choice.publication && p.issues.some((i) => i.number === choice.number));
  const target = issueTaken ? null : targetFields(choice);
  const confirm = async () => {
    if (!upload || !target) return;
    setBusy(true);
    setError(null);
    try {
      const fields = { ...target, encoding: encoding === 'auto' ? '' : encoding, edits: edits.length ? JSON.stringify(edits) : '' };
      const { data } = await post('/banmian/import', formData(upload, fields));
      const s = (data as { data: Summary }).data;
      setSummary(s);
      reload(); // a new issue or page is now one to choose
      toggleNotification({ type: 'success', message: s.status === 'imported' ? m('import.imported', { articles: s.articles }) : m('import.already') });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const articles = result?.pages.flatMap((p, page) => p.articles.map((a, index) => ({ a, page, index }))) ?? [];
  return (
    <Page.Main>
      <Page.Title>{m('ocr-import')}</Page.Title>
      <Layouts.Header title={m('ocr-import')} subtitle={m('import.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
            <Flex gap={4} wrap="wrap" alignItems="flex-end">
              <Field.Root name="file">
                <Field.Label>{m('import.file')}</Field.Label>
                <Flex gap={2}>
                  {/* The browser's own file input is hidden: its button and "no file" text are in the browser's language. */}
                  <input
                    ref={fileInput}
                    aria-label={m('import.fileLabel')}
                    type="file"
                    accept=".txt,.html,.htm,.pdf,.docx,text/plain,text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                    onChange={choose}
                    hidden
                  />
                  <Button variant="secondary" onClick={() => fileInput.current?.click()} disabled={busy}>
                    {m('import.chooseFile')}
                  </Button>
                  <Typography textColor={upload ? 'neutral800' : 'neutral500'} data-testid="ocr-file">
                    {upload ? upload.name : m('import.noFile')}
                  </Typography>
                </Flex>
              </Field.Root>
              <Field.Root name="encoding" width="200px">
                <Field.Label>{m('import.encoding')}</Field.Label>
                <SingleSelect value={encoding} disabled={busy} onChange={(v: string | number) => chooseEncoding(String(v))}>
                  {ENCODINGS.map(([value, label]) => (
                    <SingleSelectOption key={value} value={value}>
                      {m(label)}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
            </Flex>
          </Box>
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
            {targets ? (
              <ImportTargetForm targets={targets} value={choice} onChange={setChoice} read={result} disabled={busy} />
            ) : (
              <Typography textColor={failed ? 'danger700' : 'neutral600'}>{failed ? errorMessage(failed) : m('import.loadingTargets')}</Typography>
            )}
          </Box>
          {summary && <SummaryBox summary={summary} boxRef={summaryBox} m={m} />}
          {busy && <Typography>{m('import.busy')}</Typography>}
          {error && (
            <Box background="danger100" padding={4} hasRadius>
              <Typography textColor="danger700" role="alert">
                {error}
              </Typography>
            </Box>
          )}
          {result && (
            <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
              <Typography variant="delta" tag="h2">
                {m('import.result', { file: result.file })}
              </Typography>
              <Typography tag="p">{m('import.counts', { pages: result.pages.length, articles: articles.length, warnings: result.warnings.length })}</Typography>
              <Typography tag="p" variant="pi" textColor="neutral600" data-testid="ocr-read">
                {readLine(result, m)}
              </Typography>
              {articles.some((x) => x.a.boundary.weak) && (
                <Typography tag="p" variant="pi" textColor="neutral600">
                  {m('import.checkHint', { count: articles.filter((x) => x.a.boundary.weak).length })}
                </Typography>
              )}
              {edits.length > 0 && (
                <Flex gap={2} paddingTop={2}>
                  <Typography variant="pi">{m('import.edits', { count: edits.length })}</Typography>
                  <Button variant="tertiary" size="S" onClick={() => edit(null)} disabled={busy}>
                    {m('import.undo')}
                  </Button>
                </Flex>
              )}
              <ol data-testid="ocr-articles" style={{ margin: '12px 0', paddingLeft: 20 }}>
                {articles.map(({ a, page, index }) => {
                  const key = `${page}.${index}`;
                  return (
                    <li
                      key={key}
                      data-weak={a.boundary.weak ? 'true' : 'false'}
                      style={{ marginBottom: 10, paddingLeft: 8, borderLeft: a.boundary.weak ? '4px solid #d9822b' : '4px solid transparent' }}
                    >
                      <ArticleLine a={a} m={m} />
                      <div style={{ fontSize: 12, color: a.boundary.weak ? '#8a4b00' : '#666' }}>
                        {a.boundary.weak ? `${m('import.check')} · ` : ''}
                        {m('import.boundary', { start: m(`import.cue.${a.boundary.start}`), end: m(`import.cue.${a.boundary.end}`) })}
                      </div>
                      {a.findings?.length ? (
                        <details data-testid="ocr-findings" style={{ fontSize: 12, color: '#8a4b00' }}>
                          <summary>{m('import.findings', { count: a.findings.length })}</summary>
                          <ul style={{ margin: '4px 0', paddingLeft: 18 }}>
                            {a.findings.map((f, k) => (
                              <li key={k}>
                                {fieldLabel(f.field)}「{f.text}」{f.suggestion !== undefined ? ` → 「${f.suggestion}」` : ''}：{f.message}
                              </li>
                            ))}
                          </ul>
                        </details>
                      ) : null}
                      <Flex gap={2} paddingTop={1}>
                        {index > 0 && (
                          <Button variant="tertiary" size="S" disabled={busy} onClick={() => edit({ op: 'merge', page, article: index })}>
                            {m('import.merge')}
                          </Button>
                        )}
                        {paragraphsOf(a).length > 1 && (
                          <Button variant="tertiary" size="S" disabled={busy} onClick={() => setSplitting(splitting === key ? null : key)}>
                            {m('import.split')}
                          </Button>
                        )}
                      </Flex>
                      {splitting === key && (
                        <ol start={2} style={{ fontSize: 13, paddingLeft: 20, marginTop: 6 }}>
                          {paragraphsOf(a)
                            .slice(1)
                            .map((text, k) => (
                              <li key={k} style={{ marginBottom: 4 }}>
                                <Button
                                  variant="secondary"
                                  size="S"
                                  disabled={busy}
                                  onClick={() => edit({ op: 'split', page, article: index, paragraph: k + 1 })}
                                >
                                  {m('import.splitHere')}
                                </Button>{' '}
                                <span>{excerpt(text)}</span>
                              </li>
                            ))}
                        </ol>
                      )}
                    </li>
                  );
                })}
              </ol>
              <ImportLineChoices result={result} busy={busy} onMove={edit} />
              {result.warnings.length > 0 && (
                <ul style={{ fontSize: 13, color: '#8a5a00', paddingLeft: 20 }}>
                  {result.warnings.map((w, i) => (
                    <li key={i}>{m('import.warning', { line: w.line, message: w.message })}</li>
                  ))}
                </ul>
              )}
              <Flex paddingTop={4} gap={3}>
                <Button onClick={confirm} loading={busy} disabled={!upload || busy || !target}>
                  {m('import.confirm')}
                </Button>
                {!target && (
                  <Typography variant="pi" textColor="neutral600">
                    {m('import.chooseTargetFirst')}
                  </Typography>
                )}
              </Flex>
            </Box>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

/** What the importer read of the old page's issue and pages: shown, never used for the target. */
const readLine = (result: Result, m: ReturnType<typeof useMessages>) => {
  const read = [
    ...(result.issue?.number ? [`第${result.issue.number}期`] : []),
    ...result.pages.filter((p) => p.number || p.name).map((p) => [p.number ? `第${p.number}版` : '', p.name ?? ''].filter(Boolean).join(' ')),
  ];
  return read.length ? m('import.asRead', { read: read.join(' / ') }) : m('import.nothingRead');
};

/** After the import: which issue it went into, links to its pages' edit views, and what an earlier undo kept. */
const SummaryBox = ({ summary, boxRef, m }: { summary: Summary; boxRef: React.RefObject<HTMLDivElement>; m: ReturnType<typeof useMessages> }) => {
  const issue = issueLabel({ number: summary.issue, date: summary.issueDate });
  return (
    <Box background="success100" padding={4} hasRadius ref={boxRef} data-testid="ocr-summary">
      <Typography variant="delta" tag="h2" textColor="success700">
        {summary.status === 'imported' ? m('import.importedInto', { issue }) : m('import.alreadyIn', { issue })}
      </Typography>
      <Typography tag="p" textColor="success700">
        {summary.status === 'imported'
          ? m('import.summary', { issue, pages: summary.pages, articles: summary.articles, contributors: summary.contributors })
          : m('import.summaryAlready', { issue })}
      </Typography>
      <Flex gap={4} paddingTop={2} wrap="wrap">
        {summary.pagesWritten.map((p) => (
          <Link key={p.documentId} href={pageUrl(p.documentId)}>
            {m('import.openPage', { page: `${issue}第${p.number}版${p.name ? ` ${p.name}` : ''}` })}
          </Link>
        ))}
      </Flex>
      {summary.kept?.length > 0 && (
        <Typography tag="p" textColor="warning700" data-testid="ocr-kept">
          {m('import.kept', { list: summary.kept.map((k) => k.label).join('、') })}
        </Typography>
      )}
    </Box>
  );
};

/** A paragraph to pick a split at: a subhead marked ▸, long text cut. */
const excerpt = (p: string) => {
  const text = p.replace(/^#{1,6}\s+/u, '▸ ');
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};
const paragraphsOf = (a: OcrArticle) => (a.body ? a.body.split('\n\n') : []);

/** Column, kicker, headline, subtitle and what else the article carries, on one line. */
const ArticleLine = ({ a, m }: { a: OcrArticle; m: ReturnType<typeof useMessages> }) => (
  <>
    {a.column && <span style={{ border: '1px solid #b4161b', color: '#b4161b', padding: '0 4px', marginRight: 6, fontSize: 12 }}>{a.column}</span>}
    {a.kicker && <span style={{ color: '#666' }}>{a.kicker} </span>}
    <strong className="ocr-headline" style={{ fontSize: 16 }}>
      {a.headline}
    </strong>
    {a.subtitle && <span> ——{a.subtitle}</span>}
    <div style={{ fontSize: 13, color: '#444' }}>
      {m('import.bylines', { bylines: a.bylines.map((b) => `${b.role ?? ''} ${b.names.join(' ')}`.trim()).join('；') || m('import.none') })}
      {a.photos.length ? m('import.photos', { count: a.photos.length }) : ''}
      {a.source ? m('import.source', { source: a.source }) : ''}
      {a.authorNote ? m('import.authorNote', { note: a.authorNote }) : ''}
      {a.suppliedBy ? m('import.suppliedBy', { by: a.suppliedBy }) : ''}
      {m('import.bodyLength', { count: a.body.length })}
    </div>
  </>
);

export default OcrImportPage;
