import * as React from 'react';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Box, Button, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import type { OcrResult } from '../ocr-import/parse';
import type { ImportSummary } from '../ocr-import/import';

/**
 * 导入 OCR 文本: choose a .txt page, see what the importer read (the dry run),
 * then confirm to write it as draft content. Server side: src/ocr-import/admin-controller.ts.
 */

// The server's own types (erased from the bundle): what the dry run and the import return.
type Result = OcrResult;
type Summary = ImportSummary;

/** The page's text file and the form's fields as one multipart form (the server reads the field `file`). */
const formData = (file: File, fields: Record<string, string>) => {
  const data = new FormData();
  data.append('file', file, file.name);
  for (const [key, value] of Object.entries(fields)) if (value) data.append(key, value);
  return data;
};

const errorMessage = (error: any) => error?.response?.data?.error?.message ?? error?.message ?? String(error);

const OcrImportPage = () => {
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [upload, setUpload] = React.useState<File | null>(null);
  const [result, setResult] = React.useState<Result | null>(null);
  const [summary, setSummary] = React.useState<Summary | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [form, setForm] = React.useState({ publication: '', issue: '', date: '', encoding: '' });

  const choose = async (event: React.ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setResult(null);
    setSummary(null);
    setError(null);
    if (!file) return;
    setUpload(file);
    setBusy(true);
    try {
      const { data } = await post('/banmian/import/preview', formData(file, { encoding: form.encoding }));
      setResult((data as { data: Result }).data);
      if (!form.issue && (data as any).data.issue?.number) setForm((f) => ({ ...f, issue: String((data as any).data.issue.number) }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!upload) return;
    setBusy(true);
    setError(null);
    try {
      const { data } = await post('/banmian/import', formData(upload, form));
      const s = (data as { data: Summary }).data;
      setSummary(s);
      toggleNotification({ type: 'success', message: s.status === 'imported' ? `已导入 ${s.articles} 篇稿件（草稿）` : '该文件已导入过，未重复创建' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const field = (key: keyof typeof form, label: string, placeholder: string, type = 'text') => (
    <Field.Root name={key} width="200px">
      <Field.Label>{label}</Field.Label>
      <TextInput
        type={type}
        value={form[key]}
        placeholder={placeholder}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.target.value })}
      />
    </Field.Root>
  );

  const articles = result?.pages.flatMap((p) => p.articles) ?? [];
  return (
    <Page.Main>
      <Page.Title>导入 OCR 文本</Page.Title>
      <Layouts.Header title="导入 OCR 文本" subtitle="把 OCR 识别的版面文字导入为草稿：先查看解析结果，再确认导入。" />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
            <Flex gap={4} wrap="wrap" alignItems="flex-end">
              <label style={{ display: 'flex', flexDirection: 'column', gap: 4, fontSize: 13 }}>
                OCR 文本文件（.txt）
                <input aria-label="OCR 文本文件" type="file" accept=".txt,text/plain" onChange={choose} />
              </label>
              {field('publication', '报刊（slug，可选）', 'changji-dangjian-demo')}
              {field('issue', '期号', '12')}
              {field('date', '出版日期（新建期时必填）', 'YYYY-MM-DD', 'date')}
              {field('encoding', '编码（可选）', 'gb18030')}
            </Flex>
          </Box>
          {busy && <Typography>处理中…</Typography>}
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
                解析结果：{result.file}
              </Typography>
              <Typography tag="p">
                {result.pages.length} 个版面，{articles.length} 篇稿件，{result.warnings.length} 条提示
                {result.issue?.number ? `，第${result.issue.number}期` : ''}
              </Typography>
              <ol data-testid="ocr-articles" style={{ margin: '12px 0', paddingLeft: 20 }}>
                {articles.map((a, i) => (
                  <li key={i} style={{ marginBottom: 8 }}>
                    {a.column && (
                      <span style={{ border: '1px solid #b4161b', color: '#b4161b', padding: '0 4px', marginRight: 6, fontSize: 12 }}>{a.column}</span>
                    )}
                    {a.kicker && <span style={{ color: '#666' }}>{a.kicker} </span>}
                    <strong className="ocr-headline" style={{ fontSize: 16 }}>
                      {a.headline}
                    </strong>
                    {a.subtitle && <span> ——{a.subtitle}</span>}
                    <div style={{ fontSize: 13, color: '#444' }}>
                      署名：{a.bylines.map((b) => `${b.role ?? ''} ${b.names.join(' ')}`.trim()).join('；') || '（无）'}
                      {a.photos.length ? ` · 图片 ${a.photos.length}` : ''}
                      {a.source ? ` · 来源：${a.source}` : ''}
                      {a.authorNote ? ` · 作者系${a.authorNote}` : ''}
                      {a.suppliedBy ? ` · ${a.suppliedBy}供稿` : ''}
                      {` · 正文 ${a.body.length} 字`}
                    </div>
                  </li>
                ))}
              </ol>
              {result.warnings.length > 0 && (
                <ul style={{ fontSize: 13, color: '#8a5a00', paddingLeft: 20 }}>
                  {result.warnings.map((w, i) => (
                    <li key={i}>
                      第 {w.line} 行：{w.message}
                    </li>
                  ))}
                </ul>
              )}
              <Box paddingTop={4}>
                <Button onClick={confirm} loading={busy} disabled={!upload || busy}>
                  确认导入
                </Button>
              </Box>
            </Box>
          )}
          {summary && (
            <Box background="success100" padding={4} hasRadius>
              <Typography textColor="success700" data-testid="ocr-summary">
                {summary.status === 'imported'
                  ? `导入完成：第${summary.issue}期，${summary.pages} 个版面，${summary.articles} 篇草稿稿件，新增人员 ${summary.contributors} 位。`
                  : `该文件已导入过（第${summary.issue}期），未重复创建。`}
              </Typography>
            </Box>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default OcrImportPage;
