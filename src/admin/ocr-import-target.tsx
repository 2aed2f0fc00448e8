import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Button, DatePicker, Field, Flex, NumberInput, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { ImportTargets } from '../ocr-import/import-targets';
import type { OcrResult } from '../ocr-import/parse';
import { useMessages } from './messages';

/**
 * 导入到: where the page goes, chosen by the editor — the publication and the issue
 * from pickers (an existing issue of that publication, or 新建一期 with its number
 * and date), and each printed page's number and name, prefilled from what was read
 * and labelled as read. Nothing read from the old page (its 第171期) fills the
 * issue: the form is complete only once an issue is chosen. The server checks
 * the same (src/ocr-import/target.ts).
 */

export const NEW_ISSUE = 'new';
export type PageField = { number: number | undefined; name: string };
export type TargetChoice = { publication: string; issue: string; number: number | undefined; date: string; pages: PageField[] };
export const emptyChoice = (): TargetChoice => ({ publication: '', issue: '', number: undefined, date: '', pages: [] });

/** The page fields as read from the file: what the form starts from. */
export const pagesAsRead = (result: OcrResult): PageField[] => result.pages.map((p) => ({ number: p.number ?? undefined, name: p.name ?? '' }));

/** The multipart fields of a complete choice (POST /banmian/import), or null while the editor has not chosen. */
export function targetFields(c: TargetChoice): Record<string, string> | null {
  if (!c.publication || !c.issue) return null;
  const pages = JSON.stringify(c.pages.map((p) => ({ number: p.number ?? null, name: p.name })));
  if (c.issue !== NEW_ISSUE) return { publication: c.publication, issue: c.issue, pages };
  if (!c.number || c.number < 1 || !Number.isInteger(c.number) || !c.date) return null;
  return { publication: c.publication, newIssue: String(c.number), date: c.date, pages };
}

/** GET /banmian/import/targets: the publications and issues this user may import into. */
export function useImportTargets() {
  const { get } = useFetchClient();
  const [targets, setTargets] = React.useState<ImportTargets | null>(null);
  const [failed, setFailed] = React.useState<unknown>(null);
  const load = React.useCallback(() => {
    get('/banmian/import/targets')
      .then(({ data }) => setTargets((data as { data: ImportTargets }).data))
      .catch(setFailed);
  }, [get]);
  React.useEffect(load, [load]);
  return { targets, failed, reload: load };
}

/** A date as the server stores it (YYYY-MM-DD), from the picker's local midnight. */
const isoDate = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const fromIso = (s: string) => (s ? new Date(`${s}T00:00:00`) : undefined);

export const issueLabel = (i: { number: number; date: string | null }) => `第${i.number}期${i.date ? `（${i.date}）` : ''}`;

type Props = {
  targets: ImportTargets;
  value: TargetChoice;
  onChange: (next: TargetChoice) => void;
  /** What the importer read, once a file is chosen: shown beside the fields, never put into the issue. */
  read: OcrResult | null;
  disabled: boolean;
};

export function ImportTargetForm({ targets, value, onChange, read, disabled }: Props) {
  const m = useMessages();
  const { locale } = useIntl();
  const set = (patch: Partial<TargetChoice>) => onChange({ ...value, ...patch });
  const publication = targets.publications.find((p) => p.documentId === value.publication) ?? null;
  const existing = publication?.issues.find((i) => i.documentId === value.issue) ?? null;
  const readIssue = read?.issue?.number ?? null;
  // A new issue's number that the publication has already: say so and offer that issue (the server refuses it too).
  const taken = value.issue === NEW_ISSUE ? publication?.issues.find((i) => i.number === value.number) : undefined;

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Typography variant="delta" tag="h2">
        {m('import.target')}
      </Typography>
      {!targets.publications.length && (
        <Typography textColor="danger700" role="alert">
          {m('import.noPublications')}
        </Typography>
      )}
      <Flex gap={4} wrap="wrap" alignItems="flex-start">
        <Field.Root name="publication" width="260px" required>
          <Field.Label>{m('import.publication')}</Field.Label>
          <SingleSelect
            value={value.publication || null}
            placeholder={m('import.choosePublication')}
            disabled={disabled}
            onChange={(v: string | number) => set({ publication: String(v), issue: '', number: undefined, date: '' })}
          >
            {targets.publications.map((p) => (
              <SingleSelectOption key={p.documentId} value={p.documentId}>
                {p.name}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
        <Field.Root name="issue" width="260px" required hint={readIssue ? m('import.readIssue', { number: readIssue }) : undefined}>
          <Field.Label>{m('import.issue')}</Field.Label>
          <SingleSelect
            value={value.issue || null}
            placeholder={publication ? m('import.chooseIssue') : m('import.choosePublicationFirst')}
            disabled={disabled || !publication}
            onChange={(v: string | number) => set({ issue: String(v) })}
          >
            {targets.canCreateIssue && <SingleSelectOption value={NEW_ISSUE}>{m('import.newIssue')}</SingleSelectOption>}
            {(publication?.issues ?? []).map((i) => (
              <SingleSelectOption key={i.documentId} value={i.documentId} disabled={!i.canUpdate}>
                {i.canUpdate ? issueLabel(i) : m('import.issueReadOnly', { issue: issueLabel(i) })}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <Field.Hint />
        </Field.Root>
        {value.issue === NEW_ISSUE && (
          <>
            <Field.Root name="newIssue" width="160px" required>
              <Field.Label>{m('import.newIssueNumber')}</Field.Label>
              <NumberInput
                value={value.number}
                locale={locale}
                placeholder={m('import.numberHint')}
                disabled={disabled}
                onValueChange={(n: number | undefined) => set({ number: n })}
              />
            </Field.Root>
            <Field.Root name="date" width="220px" required>
              <Field.Label>{m('import.date')}</Field.Label>
              <DatePicker
                locale={locale}
                value={fromIso(value.date)}
                placeholder={m('import.dateHint')}
                disabled={disabled}
                onChange={(d: Date | undefined) => set({ date: d ? isoDate(d) : '' })}
                calendarLabel={m('import.calendar')}
                monthSelectLabel={m('import.month')}
                yearSelectLabel={m('import.year')}
                clearLabel={m('import.clearDate')}
                onClear={() => set({ date: '' })}
              />
            </Field.Root>
          </>
        )}
      </Flex>
      {taken && (
        <Flex gap={2} data-testid="ocr-issue-exists">
          <Typography textColor="warning700">{m('import.issueExists', { issue: issueLabel(taken) })}</Typography>
          {taken.canUpdate && (
            <Button variant="secondary" size="S" disabled={disabled} onClick={() => set({ issue: taken.documentId, number: undefined, date: '' })}>
              {m('import.useExisting', { issue: issueLabel(taken) })}
            </Button>
          )}
        </Flex>
      )}
      {read && (
        <Flex direction="column" alignItems="stretch" gap={2} data-testid="ocr-pages">
          {value.pages.map((p, i) => {
            const asRead = read.pages[i];
            const taken = existing?.pages.find((x) => x.number === p.number);
            return (
              <Flex key={i} gap={4} wrap="wrap" alignItems="flex-end">
                <Typography variant="pi" textColor="neutral600" style={{ minWidth: 160, paddingBottom: 10 }}>
                  {asRead?.number ? m('import.readPage', { page: `第${asRead.number}版`, name: asRead.name ?? '' }) : m('import.readPageNone')}
                </Typography>
                <Field.Root name={`pageNumber${i}`} width="180px">
                  <Field.Label>{m('import.pageNumber')}</Field.Label>
                  <NumberInput
                    value={p.number}
                    locale={locale}
                    placeholder={m('import.pageNumberHint')}
                    disabled={disabled}
                    onValueChange={(n: number | undefined) => set({ pages: value.pages.map((q, k) => (k === i ? { ...q, number: n } : q)) })}
                  />
                </Field.Root>
                <Field.Root name={`pageName${i}`} width="200px">
                  <Field.Label>{m('import.pageName')}</Field.Label>
                  <TextInput
                    value={p.name}
                    placeholder={m('import.pageNameHint')}
                    disabled={disabled}
                    onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                      set({ pages: value.pages.map((q, k) => (k === i ? { ...q, name: e.target.value } : q)) })
                    }
                  />
                </Field.Root>
                {taken && (
                  <Typography variant="pi" textColor="warning700" style={{ paddingBottom: 10 }}>
                    {m('import.pageTaken', { issue: issueLabel(existing!), page: taken.number, name: taken.name ?? '' })}
                  </Typography>
                )}
              </Flex>
            );
          })}
        </Flex>
      )}
    </Flex>
  );
}
