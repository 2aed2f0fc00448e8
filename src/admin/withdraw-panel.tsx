import * as React from 'react';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Box, Button, Dialog, Flex, Textarea, TextInput, Typography } from '@strapi/design-system';
import type { PanelProps } from './broadsheet-actions';
import { useEditViewRefetch } from './edit-view-refetch';
import { useErrorText, useMessages } from './messages';

/**
 * 撤稿 panel of the article edit view (src/corrections/): a withdrawn article shows
 * when, by whom and why; a published one gets a 撤稿 button for Super Admins, with a
 * reason (kept on record) and the notice readers see, confirmed in a dialog. The
 * server refuses everyone else (withdraw.superAdminOnly).
 */

const ARTICLE = 'api::article.article';

type Status = {
  published: boolean;
  mayWithdraw: boolean;
  withdrawal: { at: string; by: string | null; reason: string; notice: string } | null;
};

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

const WithdrawContent = ({ documentId }: PanelProps) => {
  const { get, post } = useFetchClient();
  const m = useMessages();
  const errorText = useErrorText();
  const { toggleNotification } = useNotification();
  const refetch = useEditViewRefetch(ARTICLE, documentId);
  const [status, setStatus] = React.useState<Status | null>(null);
  const [reason, setReason] = React.useState('');
  const [notice, setNotice] = React.useState('');
  const [busy, setBusy] = React.useState(false);

  const load = React.useCallback(() => {
    get(`/banmian/articles/${documentId}/withdrawal`)
      .then((r) => setStatus(r.data as Status))
      .catch(() => setStatus(null));
  }, [documentId]);
  React.useEffect(load, [load]);

  const withdraw = async () => {
    setBusy(true);
    try {
      await post(`/banmian/articles/${documentId}/withdraw`, { reason: reason.trim(), notice: notice.trim() || undefined });
      toggleNotification({ type: 'success', message: m('withdraw.done') });
      load();
      await refetch();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorText(error) });
    } finally {
      setBusy(false);
    }
  };

  if (!status) return null;
  const w = status.withdrawal;
  if (w) {
    return (
      <Box data-testid="withdrawn">
        <Typography variant="pi" tag="p" textColor="danger600" fontWeight="bold">
          {m('withdraw.state', { at: when(w.at), by: w.by ?? '—', reason: w.reason })}
        </Typography>
        <Typography variant="pi" tag="p" textColor="neutral600">
          {m('withdraw.noticeShown', { notice: w.notice })}
        </Typography>
      </Box>
    );
  }
  if (!status.published || !status.mayWithdraw) return null;
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="withdraw-form">
      <Typography variant="pi" textColor="neutral600">
        {m('withdraw.hint')}
      </Typography>
      <Textarea aria-label={m('withdraw.reason')} placeholder={m('withdraw.reason')} value={reason} onChange={(e: any) => setReason(e.target.value)} />
      <TextInput aria-label={m('withdraw.notice')} placeholder={m('withdraw.noticeDefault')} value={notice} onChange={(e: any) => setNotice(e.target.value)} />
      <Dialog.Root>
        <Dialog.Trigger>
          <Button variant="danger" disabled={busy || !reason.trim()} fullWidth>
            {m('withdraw.button')}
          </Button>
        </Dialog.Trigger>
        <Dialog.Content>
          <Dialog.Header>{m('withdraw.confirmTitle')}</Dialog.Header>
          <Dialog.Body>
            <Typography tag="p">{m('withdraw.confirm', { notice: notice.trim() || m('withdraw.noticeDefault') })}</Typography>
          </Dialog.Body>
          <Dialog.Footer>
            <Dialog.Cancel>
              <Button variant="tertiary">{m('withdraw.cancel')}</Button>
            </Dialog.Cancel>
            <Dialog.Action>
              <Button variant="danger" onClick={withdraw} disabled={busy}>
                {m('withdraw.button')}
              </Button>
            </Dialog.Action>
          </Dialog.Footer>
        </Dialog.Content>
      </Dialog.Root>
    </Flex>
  );
};

export const WithdrawPanel = (props: PanelProps) => {
  const m = useMessages();
  if (props.model !== ARTICLE || !props.documentId) return null;
  return { title: m('withdraw.title'), content: <WithdrawContent {...props} /> };
};
