import * as React from 'react';
import { useFetchClient, useNotification, useForm } from '@strapi/strapi/admin';
import { useEditViewRefetch } from './edit-view-refetch';
import { Box, Button, Flex, TextButton, Typography } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { StageBadge, creditsLine } from './stage-badge';
import { BroadsheetButtons, type PanelProps } from './broadsheet-actions';
import { PageFit } from './page-fit';
import { PageProofreadSummary } from './proofreading-panel';
import { SignoffChanges } from './signoff-changes';
import type { SignoffView } from '../signoff/admin-controller';
import { useErrorText, useMessages } from './messages';
import { SIGNOFF_ACTION_LABEL, STAGE_LABEL } from '../newsroom/glossary';

/**
 * 签字 panel of the page edit view: the page's stage and credits, the sign-off
 * buttons (编辑签字 / 版式签字 / 审校签字) of the signed-in user's roles, the
 * history of signatures and resets, and 预览/导出 of the page's issue.
 * Talks to src/signoff/admin-controller.ts; the server checks role and order again.
 */

const PAGE = 'api::page.page';

// The server's own type of the answer (erased from the bundle).
type Status = SignoffView;

const time = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

const SignoffContent = ({ documentId, document }: PanelProps) => {
  const { get, post } = useFetchClient();
  const m = useMessages();
  const errorMessage = useErrorText();
  const { toggleNotification } = useNotification();
  const modified = useForm('SignoffPanel', (s) => s.modified, false);
  const [status, setStatus] = React.useState<Status | null>(null);
  const [busy, setBusy] = React.useState<string | null>(null);
  // The signature whose version is open read-only (src/admin/signoff-changes.tsx).
  const [opened, setOpened] = React.useState<string | null>(null);
  // After a signature the form takes the new stage and credits.
  const refetch = useEditViewRefetch(PAGE, documentId);

  const load = React.useCallback(async () => {
    try {
      setStatus((await get(`/banmian/pages/${documentId}/signoff`)).data as Status);
    } catch (error) {
      toggleNotification({ type: 'danger', message: m('signoff.loadFailed', { error: errorMessage(error) }) });
    }
  }, [documentId, document?.updatedAt]);
  React.useEffect(() => {
    load();
  }, [load]);

  const sign = (role: string, label: string) => async () => {
    setBusy(role);
    try {
      // The version shown: the server refuses the signature if the page changed since.
      await post(`/banmian/pages/${documentId}/sign`, { role, version: status?.version });
      toggleNotification({ type: 'success', message: m('signoff.done', { label }) });
      await load();
      refetch();
      setBusy(null);
    } catch (error) {
      toggleNotification({ type: 'danger', message: m('signoff.failed', { label, error: errorMessage(error) }) });
      setBusy(null);
      load();
    }
  };

  if (!status) return <Typography variant="pi">{m('common.loading')}</Typography>;
  const { page } = status;
  return (
    <Flex direction="column" gap={3} alignItems="stretch" width="100%">
      <Flex gap={2} justifyContent="space-between">
        <Typography variant="omega" fontWeight="bold">
          {page.label}
        </Typography>
        <StageBadge stage={page.stage} />
      </Flex>
      <Typography variant="pi" data-testid="credits-line">
        {creditsLine(page.credits)}
      </Typography>
      {status.buttons.length === 0 ? (
        <Typography variant="pi" textColor="neutral600">
          {m('signoff.noRole')}
        </Typography>
      ) : (
        status.buttons.map((b) => (
          <Button
            key={b.role}
            startIcon={<Check />}
            variant={b.enabled ? 'default' : 'tertiary'}
            disabled={!b.enabled || Boolean(modified) || busy !== null}
            loading={busy === b.role}
            onClick={sign(b.role, b.label)}
            fullWidth
          >
            {b.label}
          </Button>
        ))
      )}
      {modified ? (
        <Typography variant="pi" textColor="warning600">
          {m('signoff.unsaved')}
        </Typography>
      ) : null}
      <SignoffChanges
        documentId={page.documentId}
        history={status.history}
        reload={`${document?.updatedAt ?? ''}:${status.history.length}`}
        opened={opened}
        onClose={() => setOpened(null)}
      />
      <PageProofreadSummary documentId={page.documentId} version={`${document?.updatedAt ?? ''}:${status.history.length}`} />
      {page.issue ? (
        <PageFit
          issueDocumentId={page.issue.documentId}
          page={page.number ?? 0}
          locale={document?.locale ?? null}
          version={String(document?.updatedAt ?? '')}
        />
      ) : null}
      {page.issue ? (
        <BroadsheetButtons
          issueDocumentId={page.issue.documentId}
          issueNumber={page.issue.number}
          locale={document?.locale ?? null}
          published={false}
          page={page.number}
        />
      ) : null}
      <Box>
        <Typography variant="sigma" textColor="neutral600">
          {m('signoff.history')}
        </Typography>
        {status.history.length === 0 ? (
          <Typography variant="pi" tag="p" textColor="neutral600">
            {m('signoff.noHistory')}
          </Typography>
        ) : (
          <Flex tag="ol" direction="column" gap={1} alignItems="stretch" data-testid="signoff-history">
            {status.history.map((h, i) => (
              <li key={i}>
                <Typography variant="pi">
                  {time(h.at)} {SIGNOFF_ACTION_LABEL[h.action] ?? h.action} {h.fromStage ? STAGE_LABEL[h.fromStage] : ''}→
                  {h.toStage ? STAGE_LABEL[h.toStage] : ''} · {h.contributorName ?? h.actorName}
                  {h.reason ? `（${h.reason}）` : ''}
                </Typography>
                {h.action === 'signed' && h.version ? (
                  <TextButton onClick={() => setOpened(h.documentId)} aria-label={m('changes.open', { at: time(h.at) })}>
                    {m('changes.view')}
                  </TextButton>
                ) : null}
              </li>
            ))}
          </Flex>
        )}
      </Box>
    </Flex>
  );
};

/** Edit-view side panel, for saved pages only. */
export const SignoffPanel = (props: PanelProps) => {
  const m = useMessages();
  if (props.model !== PAGE || !props.documentId) return null;
  return { title: m('signoff.title'), content: <SignoffContent {...props} /> };
};
