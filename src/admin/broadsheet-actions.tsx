import * as React from 'react';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Button, Flex } from '@strapi/design-system';
import { Download, Eye } from '@strapi/icons';
import { useErrorText, useMessages } from './messages';

/**
 * 预览 and 导出 in a 版面 panel of the issue edit view. Both call the admin-only routes of
 * src/broadsheet/admin-controller.ts with the signed-in admin's token. The preview
 * follows the tab the editor is on (the draft tab previews the draft). The export
 * takes the published version, as `npm run export` does, whatever the tab; the
 * draft is a second button that says so, and the file name and the notice name
 * the version exported.
 */

const ISSUE = 'api::issue.issue';

export type PanelProps = {
  model: string;
  documentId?: string;
  activeTab: 'draft' | 'published' | null;
  document?: { locale?: string | null; number?: number | null } & Record<string, unknown>;
};

export type BroadsheetTarget = { issueDocumentId: string; issueNumber?: number | null; locale?: string | null; published: boolean; page?: number | null };

export function useBroadsheetActions({ issueDocumentId, issueNumber, locale, published, page }: BroadsheetTarget) {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const m = useMessages();
  const errorMessage = useErrorText();
  const params = { status: published ? 'published' : 'draft', ...(locale ? { locale } : {}) };

  const preview = async () => {
    // Opened at once, inside the click, so the browser does not block it as a pop-up.
    const win = window.open('about:blank', '_blank');
    try {
      const { data } = await get(`/banmian/preview/issues/${issueDocumentId}`, {
        params: { ...params, ...(page ? { page: String(page) } : {}) },
        responseType: 'text',
      } as any);
      const url = URL.createObjectURL(new Blob([data as unknown as string], { type: 'text/html;charset=utf-8' }));
      if (win) win.location.href = url;
      else window.open(url, '_blank');
    } catch (error) {
      win?.close();
      toggleNotification({ type: 'danger', message: m('broadsheet.previewFailed', { error: errorMessage(error) }) });
    }
  };

  const exportZip = async (version: 'published' | 'draft') => {
    try {
      const { data } = await get(`/banmian/export/issues/${issueDocumentId}`, {
        params: { status: version, ...(locale ? { locale } : {}) },
        responseType: 'blob',
      } as any);
      const link = window.document.createElement('a');
      link.href = URL.createObjectURL(data as Blob);
      link.download = `banmian-第${issueNumber ?? issueDocumentId}期-${version === 'draft' ? '草稿' : '已发布'}.zip`;
      window.document.body.appendChild(link);
      link.click();
      link.remove();
      toggleNotification({ type: 'success', message: m('broadsheet.exported', { version: m(`broadsheet.version.${version}`) }) });
    } catch (error) {
      toggleNotification({ type: 'danger', message: m('broadsheet.exportFailed', { error: errorMessage(error) }) });
    }
  };
  return { preview, exportZip };
}

export const BroadsheetButtons = (props: BroadsheetTarget) => {
  const { preview, exportZip } = useBroadsheetActions(props);
  const m = useMessages();
  const [busy, setBusy] = React.useState<string | null>(null);
  const run = (version: 'published' | 'draft') => async () => {
    setBusy(version);
    try {
      await exportZip(version);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Flex direction="column" gap={2} alignItems="stretch" width="100%">
      <Button variant="secondary" startIcon={<Eye />} onClick={preview} fullWidth>
        {props.page ? m('broadsheet.previewPage', { page: props.page }) : m('broadsheet.preview')}
      </Button>
      <Button variant="secondary" startIcon={<Download />} onClick={run('published')} loading={busy === 'published'} fullWidth>
        {m('broadsheet.export')}
      </Button>
      <Button variant="tertiary" startIcon={<Download />} onClick={run('draft')} loading={busy === 'draft'} fullWidth>
        {m('broadsheet.exportDraft')}
      </Button>
    </Flex>
  );
};

/** Edit-view side panel, shown for saved issues only. */
export const BroadsheetPanel = (props: PanelProps) => {
  const m = useMessages();
  if (props.model !== ISSUE || !props.documentId) return null;
  const target = {
    issueDocumentId: props.documentId,
    issueNumber: props.document?.number ?? null,
    locale: props.document?.locale ?? null,
    published: props.activeTab === 'published',
  };
  return { title: m('broadsheet.title'), content: <BroadsheetButtons {...target} /> };
};
