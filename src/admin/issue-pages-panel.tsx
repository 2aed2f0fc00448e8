import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Button, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import { StageBadge, creditsLine } from './stage-badge';
import type { PanelProps } from './broadsheet-actions';
import type { IssuePagesView } from '../signoff/admin-controller';
import type { IssueScheduleView } from '../schedule/service';
import { useErrorText, useMessages, usePhrase } from './messages';

/**
 * 各版签字 panel of the issue edit view: every page with its stage badge and
 * credits line, and, until all are signed off, why the issue cannot be published;
 * below, 定时发布 (src/schedule/): set or take back a time, the last one's outcome
 * (a failure with its reason) and the issue's schedule history.
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
      <IssueSchedule documentId={documentId!} />
    </Flex>
  );
};

const IssueSchedule = ({ documentId }: { documentId: string }) => {
  const { get, post, del } = useFetchClient();
  const m = useMessages();
  const say = usePhrase();
  const errorText = useErrorText();
  const [view, setView] = React.useState<IssueScheduleView | null>(null);
  const [at, setAt] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const url = `/banmian/issues/${documentId}/schedule`;
  React.useEffect(() => {
    get(url)
      .then((r) => setView(r.data as IssueScheduleView))
      .catch((e) => setError(errorText(e)));
  }, [documentId]);
  const act = (request: () => Promise<{ data: unknown }>) => async () => {
    setBusy(true);
    setError(null);
    try {
      setView((await request()).data as IssueScheduleView);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  if (!view) return error ? <Typography textColor="danger600">{error}</Typography> : null;
  const last = view.history[0];
  const zone = view.timeZone;
  return (
    <Flex direction="column" gap={2} alignItems="stretch" paddingTop={2} data-testid="issue-schedule">
      <Typography variant="sigma">{m('schedule.title')}</Typography>
      {view.pending ? (
        <>
          <Typography variant="pi">{m('schedule.pending', { at: view.pending.atLocal, zone, by: view.pending.scheduledBy ?? '—' })}</Typography>
          <Button variant="danger-light" onClick={act(() => del(url))} loading={busy} fullWidth>
            {m('schedule.cancel')}
          </Button>
        </>
      ) : (
        <>
          {last?.state === 'failed' && last.failure && (
            <Typography variant="pi" textColor="danger600" data-testid="issue-schedule-failed">
              {m('schedule.failed', { at: last.atLocal, reason: say(last.failure) })}
            </Typography>
          )}
          {last?.state === 'fired' && (
            <Typography variant="pi" textColor="success600">
              {m('schedule.fired', { at: last.atLocal })}
            </Typography>
          )}
          <Field.Root name="scheduleAt" hint={m('schedule.hint')}>
            <Field.Label>{m('schedule.at', { zone })}</Field.Label>
            <TextInput value={at} placeholder="2026-12-02 18:30" onChange={(e: React.ChangeEvent<HTMLInputElement>) => setAt(e.target.value)} />
            <Field.Hint />
          </Field.Root>
          <Button variant="secondary" onClick={act(() => post(url, { at }))} loading={busy} disabled={!at.trim()} fullWidth>
            {m('schedule.set')}
          </Button>
        </>
      )}
      {error && (
        <Typography variant="pi" textColor="danger600">
          {m('schedule.actionFailed', { error })}
        </Typography>
      )}
      {view.history.length > 0 && (
        <Flex direction="column" gap={1} alignItems="stretch">
          <Typography variant="pi" fontWeight="bold">
            {m('schedule.history')}
          </Typography>
          {view.history.map((h) => (
            <Typography key={h.id} variant="pi" textColor="neutral600">
              {m('schedule.row', {
                at: h.atLocal,
                state: m(`schedule.state.${h.state}`),
                by: (h.state === 'cancelled' ? h.cancelledBy : h.scheduledBy) ?? '—',
              })}
              {h.state === 'failed' && h.failure ? `：${say(h.failure)}` : ''}
            </Typography>
          ))}
        </Flex>
      )}
    </Flex>
  );
};

export const IssuePagesPanel = (props: PanelProps) => {
  const m = useMessages();
  if (props.model !== ISSUE || !props.documentId) return null;
  return { title: m('issuePages.title'), content: <IssuePages {...props} /> };
};
