import * as React from 'react';
import { Link } from 'react-router-dom';
import { useIntl } from 'react-intl';
import { Widget, useFetchClient } from '@strapi/strapi/admin';
import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import { StageBadge } from '../stage-badge';
import { useErrorText, useMessages, usePhrase } from '../messages';
import { SIGN_ROLE_LABEL, type SignRole } from '../../newsroom/glossary';
import { circled } from '../../newsroom/entry-labels';
// The server's own types of the answers (erased from the bundle).
import type { HomeFitView, HomeImportsView, HomeIssueView, HomeSignaturesView } from '../../admin-api/home-controller';
import type { HomeSchedulesView } from '../../schedule/admin-controller';

/**
 * The desk's home page: four widgets (registered in ../app.tsx), each reading
 * one small admin route (src/admin-api/home-controller.ts): this issue's pages
 * and their stages, the pages waiting for my signature, overset and underset
 * articles, the latest imports. Strapi's Widget helpers give the loading,
 * error and empty states their standard look.
 */

const PAGE_URL = (documentId: string) => `/content-manager/collection-types/api::page.page/${documentId}`;
const ISSUE_URL = (documentId: string) => `/content-manager/collection-types/api::issue.issue/${documentId}`;
const ARTICLE_URL = (documentId: string) => `/content-manager/collection-types/api::article.article/${documentId}`;

/** GET one home route; `null` while loading, an Error when it failed. */
function useHome<T>(what: string): T | Error | null {
  const { get } = useFetchClient();
  const errorText = useErrorText();
  const [data, setData] = React.useState<T | Error | null>(null);
  React.useEffect(() => {
    let live = true;
    get(`/banmian/home/${what}`)
      .then((r) => live && setData(r.data as T))
      .catch((e) => live && setData(new Error(errorText(e))));
    return () => {
      live = false;
    };
  }, [what]);
  return data;
}

function Rows({ testId, children }: { testId: string; children: React.ReactNode }) {
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid={testId} width="100%">
      {children}
    </Flex>
  );
}

function Row({ children }: { children: React.ReactNode }) {
  return (
    <Flex justifyContent="space-between" alignItems="center" gap={2} paddingBottom={2} style={{ borderBottom: '1px solid #eaeaef' }}>
      {children}
    </Flex>
  );
}

function States<T>({ data, children }: { data: T | Error | null; children: (data: T) => React.ReactNode }) {
  if (data === null) return <Widget.Loading />;
  if (data instanceof Error) return <Widget.Error>{data.message}</Widget.Error>;
  return <>{children(data)}</>;
}

export function IssueWidget() {
  const m = useMessages();
  const data = useHome<HomeIssueView>('issue');
  return (
    <States data={data}>
      {(view) =>
        !view.issue ? (
          <Widget.NoData>{m('home.issue.none')}</Widget.NoData>
        ) : (
          <Rows testId="home-issue">
            <Typography variant="omega" fontWeight="bold">
              {view.issue.label}
            </Typography>
            {view.pages.length === 0 && <Typography textColor="neutral600">{m('home.issue.noPages')}</Typography>}
            {view.pages.map((p) => (
              <Row key={p.documentId}>
                <Link to={PAGE_URL(p.documentId)}>
                  <Typography variant="omega">
                    {p.name ? `${m('issuePages.page', { number: p.number ?? '?' })} ${p.name}` : m('issuePages.page', { number: p.number ?? '?' })}
                  </Typography>
                </Link>
                <Flex gap={2}>
                  {p.next && (
                    <Typography variant="pi" textColor="neutral600">
                      {m('home.nextSignature', { role: SIGN_ROLE_LABEL[p.next] })}
                    </Typography>
                  )}
                  <StageBadge stage={p.stage} />
                </Flex>
              </Row>
            ))}
          </Rows>
        )
      }
    </States>
  );
}

export function SignaturesWidget() {
  const m = useMessages();
  const data = useHome<HomeSignaturesView>('signatures');
  return (
    <States data={data}>
      {(view) =>
        view.pages.length === 0 ? (
          <Widget.NoData>{view.myRoles.length ? m('home.signatures.none') : m('home.signatures.noRole')}</Widget.NoData>
        ) : (
          <Rows testId="home-signatures">
            <Typography variant="pi" textColor="neutral600">
              {m('home.signatures.count', { count: view.total })}
            </Typography>
            {view.pages.map((p) => (
              <Row key={p.documentId}>
                <Link to={PAGE_URL(p.documentId)}>
                  <Typography variant="omega">{p.name ? `${p.label} ${p.name}` : p.label}</Typography>
                </Link>
                <Flex gap={2}>
                  <Badge>{m('home.signatures.role', { role: SIGN_ROLE_LABEL[p.next as SignRole] })}</Badge>
                  <StageBadge stage={p.stage} />
                </Flex>
              </Row>
            ))}
          </Rows>
        )
      }
    </States>
  );
}

export function FitWidget() {
  const m = useMessages();
  const data = useHome<HomeFitView>('fit');
  return (
    <States data={data}>
      {(view) =>
        !view.issue ? (
          <Widget.NoData>{m('home.issue.none')}</Widget.NoData>
        ) : (
          <Rows testId="home-fit">
            <Typography variant="pi" textColor="neutral600">
              {m('home.fit.basis', { issue: view.issue.label })}
            </Typography>
            {view.overset.length === 0 && view.underset.length === 0 && <Typography>{m('home.fit.allFit')}</Typography>}
            {[...view.overset.map((f) => ({ ...f, kind: 'over' as const })), ...view.underset.map((f) => ({ ...f, kind: 'under' as const }))].map((f) => (
              <Row key={`${f.kind}-${f.page}-${f.order}`}>
                <Box>
                  {f.article ? (
                    <Link to={ARTICLE_URL(f.article)}>
                      <Typography variant="omega">{`${m('issuePages.page', { number: f.page })} ${circled(f.order)} ${f.headline}`}</Typography>
                    </Link>
                  ) : (
                    <Typography variant="omega">{`${m('issuePages.page', { number: f.page })} ${circled(f.order)} ${f.headline}`}</Typography>
                  )}
                </Box>
                <Badge
                  backgroundColor={f.kind === 'over' ? 'danger100' : 'warning100'}
                  textColor={f.kind === 'over' ? 'danger700' : 'warning700'}
                  data-fit={f.kind}
                >
                  {m(f.kind === 'over' ? 'home.fit.over' : 'home.fit.under', { lines: f.lines, chars: f.chars })}
                </Badge>
              </Row>
            ))}
          </Rows>
        )
      }
    </States>
  );
}

export function ImportsWidget() {
  const m = useMessages();
  const intl = useIntl();
  const data = useHome<HomeImportsView>('imports');
  return (
    <States data={data}>
      {(view) =>
        view.imports.length === 0 ? (
          <Widget.NoData>{m('home.imports.none')}</Widget.NoData>
        ) : (
          <Rows testId="home-imports">
            {view.imports.map((i) => (
              <Row key={i.hash}>
                <Flex direction="column" alignItems="flex-start" gap={1}>
                  <Link to={ARTICLE_URL(i.firstArticle)}>
                    <Typography variant="omega">{i.headlines[0]}</Typography>
                  </Link>
                  <Typography variant="pi" textColor="neutral600">
                    {m('home.imports.where', { pages: i.pages.join('、') || '—', count: i.articles })}
                  </Typography>
                </Flex>
                <Typography variant="pi" textColor="neutral600">
                  {intl.formatDate(i.at, { dateStyle: 'short', timeStyle: 'short' })}
                </Typography>
              </Row>
            ))}
          </Rows>
        )
      }
    </States>
  );
}

export function SchedulesWidget() {
  const m = useMessages();
  const say = usePhrase();
  const data = useHome<HomeSchedulesView>('schedules');
  return (
    <States data={data}>
      {(view) =>
        view.schedules.length === 0 ? (
          <Widget.NoData>{m('home.schedules.none')}</Widget.NoData>
        ) : (
          <Rows testId="home-schedules">
            {view.schedules.map((s) => (
              <Row key={s.id}>
                <Flex direction="column" alignItems="flex-start" gap={1}>
                  <Link to={ISSUE_URL(s.issueDocumentId)}>
                    <Typography variant="omega">{`${m('home.schedules.issue', { number: s.issueNumber ?? '?' })} ${s.atLocal}（${view.timeZone}）`}</Typography>
                  </Link>
                  {s.state === 'failed' && s.failure && (
                    <Typography variant="pi" textColor="danger600">
                      {say(s.failure)}
                    </Typography>
                  )}
                </Flex>
                <Badge backgroundColor={s.state === 'failed' ? 'danger100' : 'primary100'} textColor={s.state === 'failed' ? 'danger700' : 'primary700'}>
                  {m(`schedule.state.${s.state}`)}
                </Badge>
              </Row>
            ))}
          </Rows>
        )
      }
    </States>
  );
}
