import * as React from 'react';
import { Box, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import type { LineChoice, LineTarget, OcrResult } from '../ocr-import/parse';
import type { ArticleEdit } from '../ocr-import/edits';
import { useMessages } from './messages';

/**
 * 整版的行, in the 导入 OCR 文本 dry run: the lines the importer read as the page's (a
 * theme band, a 栏目 printed once over several articles), where each went, and a select
 * to move it to 版名 / 主题 / 栏目 / 正文 (its options). Choosing sends a `line` edit
 * (src/ocr-import/edits.ts) and the page asks for the dry run again; the unsure ones
 * are marked, as weak article boundaries are.
 */
type Props = { result: OcrResult; busy: boolean; onMove: (edit: ArticleEdit) => unknown };

export const ImportLineChoices = ({ result, busy, onMove }: Props) => {
  const m = useMessages();
  const lines = result.pages.flatMap((p, page) => p.lineChoices.map((choice) => ({ choice, page })));
  if (!lines.length) return null;
  const unsure = lines.filter((l) => !l.choice.sure).length;
  return (
    <Box paddingTop={2} paddingBottom={2} data-testid="ocr-line-choices">
      <Typography variant="delta" tag="h3">
        {m('import.lines.title')}
      </Typography>
      <Typography tag="p" variant="pi" textColor="neutral600">
        {m('import.lines.hint', { count: unsure })}
      </Typography>
      <ul style={{ listStyle: 'none', padding: 0, margin: '8px 0' }}>
        {lines.map(({ choice, page }) => (
          <li
            key={`${page}.${choice.line}`}
            data-sure={choice.sure ? 'true' : 'false'}
            style={{ padding: '4px 8px', marginBottom: 6, borderLeft: choice.sure ? '4px solid transparent' : '4px solid #d9822b' }}
          >
            <Flex gap={3} alignItems="center" wrap="wrap">
              <Typography>
                {m('import.lines.line', { line: choice.line })}
                <strong>「{choice.text}」</strong>
                {!choice.sure && <span style={{ color: '#8a4b00' }}> · {m('import.lines.check')}</span>}
              </Typography>
              <Box width="140px">
                <SingleSelect
                  aria-label={m('import.lines.moveTo', { line: choice.line })}
                  size="S"
                  value={choice.placedAs}
                  disabled={busy}
                  onChange={(to: string | number) => to !== choice.placedAs && onMove({ op: 'line', page, line: choice.line, to: to as LineTarget })}
                >
                  {choice.options.map((to) => (
                    <SingleSelectOption key={to} value={to}>
                      {m(`import.target.${to}`)}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Box>
              {choice.placedAs === 'column' && choice.articles?.length ? (
                <Typography variant="pi" textColor="neutral600">
                  {m('import.lines.articles', { list: articlesOf(choice) })}
                </Typography>
              ) : null}
            </Flex>
          </li>
        ))}
      </ul>
    </Box>
  );
};

/** The articles carrying a 栏目, numbered within their page from 1. */
const articlesOf = (choice: LineChoice) => (choice.articles ?? []).map((k) => k + 1).join('、');
