import * as React from 'react';
import { useFetchClient, useForm, useNotification } from '@strapi/strapi/admin';
import { Box, Button, Flex, TextInput, Typography } from '@strapi/design-system';
import type { PanelProps } from './broadsheet-actions';
import { useEditViewRefetch } from './edit-view-refetch';
import { useErrorText, useMessages } from './messages';
import { fieldLabel, fieldText } from '../proofreading/article-fields';
import type { ArticleProofread, PageProofread } from '../proofreading/proofread-service';
import type { Finding } from '../proofreading/types';

/**
 * 审校 panel of the article edit view: the checker's findings on the saved draft
 * (src/proofreading/), each with its context; a click selects the place in the
 * form, 采纳 writes the suggestion through the server (so a signed page goes back
 * as after any edit), 不是差错 keeps the finding marked with a reason that the next
 * reader sees. And the page's open findings and 差错率 for the 签字 panel.
 */

const ARTICLE = 'api::article.article';
const SEVERITY_COLOR = { error: 'danger600', warning: 'warning600', info: 'neutral600' } as const;
const CONTEXT = 8;

const context = (value: string, f: Finding) => ({
  before: value.slice(Math.max(0, f.start - CONTEXT), f.start),
  after: value.slice(f.end, f.end + CONTEXT),
});

/** Selects [start, end) of a field in the edit form: its input, or the Markdown editor (CodeMirror 5) for the body. */
function selectInForm(field: string, start: number, end: number) {
  if (field === 'body') {
    const cm = (document.querySelector('.CodeMirror') as any)?.CodeMirror;
    if (!cm) return false;
    cm.focus();
    cm.setSelection(cm.posFromIndex(start), cm.posFromIndex(end));
    cm.scrollIntoView(null, 120);
    return true;
  }
  const input = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${CSS.escape(field)}"]`);
  if (!input) return false;
  input.scrollIntoView({ block: 'center' });
  input.focus();
  input.setSelectionRange(start, end);
  return true;
}

const FindingItem = ({
  finding,
  value,
  busy,
  modified,
  onAccept,
  onMark,
}: {
  finding: Finding;
  value: string;
  busy: boolean;
  modified: boolean;
  onAccept: () => void;
  onMark: (reason: string) => void;
}) => {
  const m = useMessages();
  const [marking, setMarking] = React.useState(false);
  const [reason, setReason] = React.useState('');
  const { before, after } = context(value, finding);
  return (
    <Box
      tag="li"
      paddingTop={2}
      paddingBottom={2}
      borderColor="neutral150"
      style={{ borderBottomWidth: 1, borderBottomStyle: 'solid' }}
      data-testid="proof-finding"
    >
      <button
        type="button"
        onClick={() => selectInForm(finding.field, finding.start, finding.end)}
        style={{ all: 'unset', cursor: 'pointer', display: 'block', width: '100%' }}
        aria-label={m('proof.select', { field: fieldLabel(finding.field), text: finding.text })}
      >
        <Typography variant="pi" textColor={SEVERITY_COLOR[finding.severity]} fontWeight="bold">
          {m(`proof.severity.${finding.severity}` as any)} · {fieldLabel(finding.field)}
        </Typography>
        <Typography variant="pi" tag="p">
          …{before}
          <mark>{finding.text}</mark>
          {after}…
        </Typography>
        <Typography variant="pi" tag="p" textColor="neutral600">
          {finding.message}
          {finding.suggestion !== undefined ? ` → ${finding.suggestion === '' ? m('proof.delete') : `「${finding.suggestion}」`}` : ''}
        </Typography>
      </button>
      <Flex gap={2} paddingTop={1}>
        {finding.suggestion !== undefined ? (
          <Button size="S" variant="secondary" disabled={busy || modified} onClick={onAccept}>
            {m('proof.accept')}
          </Button>
        ) : null}
        <Button size="S" variant="tertiary" disabled={busy} onClick={() => setMarking(!marking)}>
          {m('proof.notError')}
        </Button>
      </Flex>
      {marking ? (
        <Flex gap={2} paddingTop={1} alignItems="flex-end">
          <Box grow={1}>
            <TextInput aria-label={m('proof.reason')} placeholder={m('proof.reasonHint')} value={reason} onChange={(e: any) => setReason(e.target.value)} />
          </Box>
          <Button size="S" disabled={busy || !reason.trim()} onClick={() => onMark(reason.trim())}>
            {m('proof.markSave')}
          </Button>
        </Flex>
      ) : null}
    </Box>
  );
};

const ProofreadContent = ({ documentId, document }: PanelProps) => {
  const { get, post } = useFetchClient();
  const m = useMessages();
  const errorText = useErrorText();
  const { toggleNotification } = useNotification();
  const modified = Boolean(useForm('ProofreadPanel', (s) => s.modified, false));
  const values = useForm('ProofreadPanel', (s) => s.values as Record<string, any>);
  const refetch = useEditViewRefetch(ARTICLE, documentId);
  const [result, setResult] = React.useState<ArticleProofread | null>(null);
  const [busy, setBusy] = React.useState(false);
  const locale = document?.locale ? `?locale=${encodeURIComponent(document.locale)}` : '';

  const load = React.useCallback(async () => {
    try {
      setResult((await get(`/banmian/articles/${documentId}/proofread${locale}`)).data as ArticleProofread);
    } catch (error) {
      toggleNotification({ type: 'danger', message: m('proof.loadFailed', { error: errorText(error) }) });
    }
  }, [documentId, document?.updatedAt, locale]);
  React.useEffect(() => {
    load();
  }, [load]);

  const act = (what: () => Promise<{ data: unknown }>, done: string) => async () => {
    setBusy(true);
    try {
      setResult((await what()).data as ArticleProofread);
      toggleNotification({ type: 'success', message: done });
      refetch();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorText(error) });
      load();
    } finally {
      setBusy(false);
    }
  };
  // The text the finding's offsets are into: the form's value (the saved draft while nothing is modified).
  const valueOf = (field: string): string => {
    const v = fieldText(values, field);
    return typeof v === 'string' ? v : '';
  };

  if (!result) return <Typography variant="pi">{m('common.loading')}</Typography>;
  return (
    <Flex direction="column" gap={2} alignItems="stretch" width="100%" data-testid="proof-panel">
      <Typography variant="pi" data-testid="proof-summary">
        {result.findings.length ? m('proof.count', { count: result.findings.length }) : m('proof.none')}
      </Typography>
      {modified ? (
        <Typography variant="pi" textColor="warning600">
          {m('proof.unsaved')}
        </Typography>
      ) : null}
      <Flex tag="ol" direction="column" alignItems="stretch" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {result.findings.map((f) => (
          <FindingItem
            key={`${f.rule}:${f.field}:${f.start}`}
            finding={f}
            value={valueOf(f.field)}
            busy={busy}
            modified={modified}
            onAccept={act(
              () => post(`/banmian/articles/${documentId}/proofread/accept${locale}`, f),
              m('proof.accepted', { text: f.text, suggestion: f.suggestion ?? '' }),
            )}
            onMark={(reason) => act(() => post(`/banmian/articles/${documentId}/proofread/marks${locale}`, { ...f, reason }), m('proof.marked'))()}
          />
        ))}
      </Flex>
      {result.marked.length ? (
        <Box>
          <Typography variant="sigma" textColor="neutral600">
            {m('proof.markedTitle')}
          </Typography>
          <Flex tag="ul" direction="column" alignItems="stretch" gap={1} style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="proof-marked">
            {result.marked.map((f) => (
              <li key={`${f.mark.id}:${f.start}`}>
                <Typography variant="pi">
                  「{f.text}」{fieldLabel(f.field)} · {m('proof.markedBy', { who: f.mark.markedBy ?? '', reason: f.mark.reason })}
                </Typography>
              </li>
            ))}
          </Flex>
        </Box>
      ) : null}
    </Flex>
  );
};

/** Edit-view side panel of saved articles. */
export const ProofreadPanel = (props: PanelProps) => {
  const m = useMessages();
  if (props.model !== ARTICLE || !props.documentId) return null;
  return { title: m('proof.title'), content: <ProofreadContent {...props} /> };
};

/** The page's open findings and 差错率, for the 签字 panel (reloaded when the page is saved). */
export const PageProofreadSummary = ({ documentId, version }: { documentId: string; version: string }) => {
  const { get } = useFetchClient();
  const m = useMessages();
  const [result, setResult] = React.useState<PageProofread | null>(null);
  const [failed, setFailed] = React.useState(false);
  React.useEffect(() => {
    let live = true;
    get(`/banmian/pages/${documentId}/proofread`)
      .then((r) => live && setResult(r.data as PageProofread))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [documentId, version]);
  if (failed) return null;
  if (!result) return <Typography variant="pi">{m('common.loading')}</Typography>;
  const { rate, open } = result;
  return (
    <Box data-testid="proof-page">
      <Typography variant="sigma" textColor="neutral600">
        {m('proof.pageTitle')}
      </Typography>
      <Typography variant="pi" tag="p" textColor={rate.over ? 'danger600' : undefined} data-testid="proof-rate">
        {m('proof.rate', { rate: rate.rate, errors: rate.errors, characters: rate.characters, ceiling: rate.ceiling })}
      </Typography>
      <Typography variant="pi" tag="p" textColor={open.error ? 'danger600' : 'neutral600'}>
        {open.error || open.warning ? m('proof.open', { error: open.error, warning: open.warning }) : m('proof.none')}
      </Typography>
      {result.articles
        .filter((a) => a.findings.length)
        .map((a) => (
          <Typography key={a.documentId} variant="pi" tag="p">
            《{a.headline ?? m('proof.untitled')}》{m('proof.count', { count: a.findings.length })}
          </Typography>
        ))}
    </Box>
  );
};
