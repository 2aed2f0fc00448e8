import * as React from 'react';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { Box, Button, Field, Flex, Link, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import type { SearchAnswer } from '../search/service';
import { useErrorText, useMessages, type MessageId } from './messages';

/**
 * 检索: the desk's search over the archive (GET /banmian/search, src/search/), drafts
 * included by default — every document's latest text, and where it is placed. The
 * highlights come escaped from the server, with only <mark> around the matches, so
 * they are shown as HTML.
 */
type Hit = SearchAnswer['data'][number];
const FILTERS = ['publication', 'issueFrom', 'issueTo', 'from', 'to', 'page', 'column', 'contributor'] as const;
type Filter = (typeof FILTERS)[number];
const PLACEHOLDER: Partial<Record<Filter, string>> = { from: '2024-01-01', to: '2024-12-31' };
const PAGE_SIZE = 20;

const editUrl = (h: Hit) => `/admin/content-manager/collection-types/api::article.article/${h.documentId}?plugins[i18n][locale]=${h.locale}`;
const Marked = ({ html }: { html: string }) => <span dangerouslySetInnerHTML={{ __html: html }} />;

const SearchPage = () => {
  const { get } = useFetchClient();
  const m = useMessages();
  const errorText = useErrorText();
  const [q, setQ] = React.useState('');
  const [status, setStatus] = React.useState<'draft' | 'published'>('draft');
  const [filters, setFilters] = React.useState<Partial<Record<Filter, string>>>({});
  const [answer, setAnswer] = React.useState<SearchAnswer | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);

  const run = async (page: number) => {
    setBusy(true);
    setError(null);
    try {
      const params = new URLSearchParams({ q, status, 'pagination[page]': String(page), 'pagination[pageSize]': String(PAGE_SIZE) });
      for (const f of FILTERS) if (filters[f]?.trim()) params.set(f, filters[f]!.trim());
      const { data } = await get(`/banmian/search?${params}`);
      setAnswer(data as SearchAnswer);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    void run(1);
  };
  const where = (h: Hit) =>
    [
      h.publication?.name,
      h.issue ? m('search.issue', { number: h.issue.number }) : null,
      h.page ? m('search.pageNumber', { number: h.page.number }) : m('search.unplaced'),
      h.date,
      h.column?.name,
      h.contributors.join('、') || null,
    ]
      .filter(Boolean)
      .join(' · ');
  const p = answer?.meta.pagination;

  return (
    <Page.Main>
      <Page.Title>{m('search')}</Page.Title>
      <Layouts.Header title={m('search')} subtitle={m('search.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
            <form onSubmit={submit} role="search">
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Flex gap={4} alignItems="flex-end" wrap="wrap">
                  <Box flex="1" minWidth="240px">
                    <Field.Root name="q" required>
                      <Field.Label>{m('search.query')}</Field.Label>
                      <TextInput
                        value={q}
                        placeholder="人才 / 全面从严治党 / 袁雪英"
                        onChange={(e: React.ChangeEvent<HTMLInputElement>) => setQ(e.target.value)}
                      />
                    </Field.Root>
                  </Box>
                  <Field.Root name="status">
                    <Field.Label>{m('search.status')}</Field.Label>
                    <SingleSelect value={status} onChange={(v: string | number) => setStatus(v === 'published' ? 'published' : 'draft')}>
                      <SingleSelectOption value="draft">{m('search.status.draft')}</SingleSelectOption>
                      <SingleSelectOption value="published">{m('search.status.published')}</SingleSelectOption>
                    </SingleSelect>
                  </Field.Root>
                  <Button type="submit" loading={busy} disabled={!q.trim()}>
                    {m('search.submit')}
                  </Button>
                </Flex>
                <Flex gap={4} wrap="wrap">
                  {FILTERS.map((f) => (
                    <Box key={f} width="160px">
                      <Field.Root name={f}>
                        <Field.Label>{m(`search.filter.${f}` as MessageId)}</Field.Label>
                        <TextInput
                          value={filters[f] ?? ''}
                          placeholder={PLACEHOLDER[f]}
                          onChange={(e: React.ChangeEvent<HTMLInputElement>) => setFilters((x) => ({ ...x, [f]: e.target.value }))}
                        />
                      </Field.Root>
                    </Box>
                  ))}
                </Flex>
              </Flex>
            </form>
          </Box>
          {error && (
            <Box background="danger100" padding={4} hasRadius role="alert">
              <Typography textColor="danger700">{error}</Typography>
            </Box>
          )}
          {answer && p && (
            <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Typography variant="sigma" tag="p">
                  {p.total ? m('search.total', { total: p.total, page: p.page, pageCount: p.pageCount }) : m('search.none')}
                </Typography>
                <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                  {answer.data.map((h) => (
                    <li key={`${h.documentId}-${h.locale}-${h.issue?.number ?? ''}-${h.page?.number ?? ''}`} style={{ marginBottom: 16 }}>
                      <Flex direction="column" alignItems="flex-start" gap={1}>
                        {h.highlights.kicker && (
                          <Typography variant="pi" textColor="neutral600">
                            <Marked html={h.highlights.kicker} />
                          </Typography>
                        )}
                        <Link href={editUrl(h)}>{h.highlights.headline ? <Marked html={h.highlights.headline} /> : h.headline}</Link>
                        <Typography variant="pi" textColor="neutral600">
                          {where(h)}
                          {h.status === 'draft' ? '' : ` · ${m('search.status.published')}`}
                        </Typography>
                        {h.highlights.body && (
                          <Typography variant="omega">
                            <Marked html={h.highlights.body} />
                          </Typography>
                        )}
                      </Flex>
                    </li>
                  ))}
                </ol>
                {p.pageCount > 1 && (
                  <Flex gap={2}>
                    <Button variant="tertiary" disabled={busy || p.page <= 1} onClick={() => run(p.page - 1)}>
                      {m('search.prev')}
                    </Button>
                    <Button variant="tertiary" disabled={busy || p.page >= p.pageCount} onClick={() => run(p.page + 1)}>
                      {m('search.next')}
                    </Button>
                  </Flex>
                )}
              </Flex>
            </Box>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default SearchPage;
