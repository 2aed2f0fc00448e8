import * as React from 'react';
import { useIntl } from 'react-intl';
import { StageBadge } from './stage-badge';
import { CONTRIBUTOR_KIND_LABEL, SIGNOFF_ACTION_LABEL, SIGN_ROLE_LABEL, type SignoffAction, type SignRole } from '../newsroom/glossary';

/**
 * List cells in words, not stored codes: a page's 签字进度 and a history row's
 * stages as coloured badges, its role and action as the newsroom says them, and
 * the locales an entry exists in named in the interface language (Strapi's own
 * cell appends an untranslatable "(default)"). Registered in app.tsx on the
 * Content Manager's list hook.
 */

type Row = Record<string, unknown>;
type Header = { name: string; cellFormatter?: (row: Row) => React.ReactNode };

const Locales = ({ row }: { row: Row }) => {
  const { locale } = useIntl();
  const names = new Intl.DisplayNames([locale], { type: 'language' });
  const codes = [row.locale, ...((row.localizations as Array<{ locale: string }> | undefined) ?? []).map((l) => l.locale)].filter(Boolean) as string[];
  return <>{[...new Set(codes)].map((c) => names.of(c) ?? c).join(locale.startsWith('zh') ? '、' : ', ')}</>;
};

const badge = (row: Row, name: string) => (row[name] ? <StageBadge stage={String(row[name])} /> : '-');

const CELLS: Record<string, (row: Row, name: string) => React.ReactNode> = {
  stage: badge,
  fromStage: badge,
  toStage: badge,
  role: (row) => SIGN_ROLE_LABEL[row.role as SignRole] ?? String(row.role ?? '-'),
  action: (row) => SIGNOFF_ACTION_LABEL[row.action as SignoffAction] ?? String(row.action ?? '-'),
  kind: (row) => CONTRIBUTOR_KIND_LABEL[String(row.kind)] ?? String(row.kind ?? '-'),
  locales: (row) => <Locales row={row} />,
};

export const readableListCells = ({ displayedHeaders, layout }: { displayedHeaders: Header[]; layout: unknown }) => ({
  layout,
  displayedHeaders: displayedHeaders.map((h) => (CELLS[h.name] ? { ...h, cellFormatter: (row: Row) => CELLS[h.name](row, h.name) } : h)),
});
