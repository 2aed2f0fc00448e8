import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Flex, Typography } from '@strapi/design-system';
import { StageBadge, creditsLine } from './stage-badge';
import type { PanelProps } from './broadsheet-actions';
import type { IssuePagesView } from '../signoff/admin-controller';
import { useMessages, usePhrase } from './messages';

/**
 * 各版签字 panel of the issue edit view: every page with its stage badge and
 * credits line, and, until all are signed off, why the issue cannot be published.
 */

const ISSUE = 'api::issue.issue';

// The server's own type of the answer (erased from the bundle).
type Pages = IssuePagesView;

const IssuePages = ({ documentId }: PanelProps) => {
  const { get } = useFetchClient();
  const m = useMessages();
  const say = usePhrase();
  const [data, setData] = React.useState<Pages | null>(null);
  const [failed, setFailed] = React.useState<string | null>(null);
  React.useEffect(() => {
    get(`/banmian/issues/${documentId}/pages`)
      .then((r) => setData(r.data as Pages))
      .catch((e) => setFailed(String(e?.message ?? e)));
  }, [documentId]);
  if (failed)
    return (
      <Typography variant="pi" textColor="danger600">
        {m('issuePages.loadFailed', { error: failed })}
      </Typography>
    );
  if (!data) return <Typography variant="pi">{m('common.loading')}</Typography>;
  return (
    <Flex direction="column" gap={2} alignItems="stretch" width="100%" data-testid="issue-pages">
      {data.pages.map((p) => (
        <Flex key={p.documentId} direction="column" alignItems="stretch" gap={1}>
          <Flex justifyContent="space-between">
            <a href={`/admin/content-manager/collection-types/api::page.page/${p.documentId}`}>
              <Typography variant="omega" fontWeight="bold">
                {m('issuePages.page', { number: p.number ?? '?' })}
              </Typography>
            </a>
            <StageBadge stage={p.stage} />
          </Flex>
          <Typography variant="pi">{creditsLine(p.credits)}</Typography>
        </Flex>
      ))}
      <Typography variant="pi" textColor={data.ready ? 'success600' : 'danger600'}>
        {data.refusal ? say(data.refusal) : m('issuePages.ready')}
      </Typography>
    </Flex>
  );
};

export const IssuePagesPanel = (props: PanelProps) => {
  const m = useMessages();
  if (props.model !== ISSUE || !props.documentId) return null;
  return { title: m('issuePages.title'), content: <IssuePages {...props} /> };
};
