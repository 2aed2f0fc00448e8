import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Box, Button, Flex, SingleSelect, SingleSelectOption, TextButton, Typography } from '@strapi/design-system';
import type { ChangesView, VersionView } from '../changes/admin-controller';
import type { Change, Piece, Rect } from '../changes/diff';
import type { HistoryRow } from '../signoff/service';
import { SIGN_ROLE_LABEL } from '../newsroom/glossary';
import { useErrorText, useMessages } from './messages';

/**
 * The 签字 panel's view of what changed since a signature (src/changes/): the
 * page's changes since its last signature, words inserted and deleted marked,
 * moved or resized blocks named; a picker compares any two signed versions (or
 * one with the draft); a signed version opens read-only from the history.
 */

const time = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });
const CONTEXT = 16;
const DRAFT = 'draft';
const LAST = 'last';

/** Long unchanged stretches shortened to the words around a change. */
function shorten(pieces: Piece[]): Piece[] {
  return pieces.map((p, i) => {
    if (p.op !== 'equal' || p.text.length <= CONTEXT * 2 + 1) return p;
    const first = i === 0;
    const last = i === pieces.length - 1;
    if (first) return { ...p, text: `…${p.text.slice(-CONTEXT)}` };
    if (last) return { ...p, text: `${p.text.slice(0, CONTEXT)}…` };
    return { ...p, text: `${p.text.slice(0, CONTEXT)}…${p.text.slice(-CONTEXT)}` };
  });
}

const Pieces = ({ pieces }: { pieces: Piece[] }) => (
  <Typography variant="pi" tag="p" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
    {shorten(pieces).map((p, i) =>
      p.op === 'insert' ? (
        <ins key={i} style={{ background: '#c6f6d5', textDecoration: 'none' }}>
          {p.text}
        </ins>
      ) : p.op === 'delete' ? (
        <del key={i} style={{ background: '#fed7d7' }}>
          {p.text}
        </del>
      ) : (
        <span key={i}>{p.text}</span>
      ),
    )}
  </Typography>
);

const ChangeItem = ({ change }: { change: Change }) => {
  const m = useMessages();
  const rect = (r: Rect) =>
    r.col == null ? m('changes.rectAuto') : m('changes.rect', { col: r.col, row: r.row ?? '?', colSpan: r.colSpan ?? '?', rowSpan: r.rowSpan ?? '?' });
  const where = change.article ? `《${change.article.headline ?? change.article.documentId}》` : '';
  const none = m('changes.empty');
  switch (change.kind) {
    case 'text':
      return (
        <li data-field={change.field}>
          <Typography variant="pi" fontWeight="bold">
            {where}
            {change.label}
          </Typography>
          <Pieces pieces={change.pieces} />
        </li>
      );
    case 'block': {
      const what = change.moved && change.resized ? 'changes.movedResized' : change.moved ? 'changes.moved' : 'changes.resized';
      return (
        <li data-field={change.field}>
          <Typography variant="pi">
            <strong>
              {where}
              {m(what)}
            </strong>
            ：{rect(change.from)} → {rect(change.to)}
          </Typography>
        </li>
      );
    }
    case 'added':
    case 'removed':
      return (
        <li data-field={change.field}>
          <Typography variant="pi">
            <strong>{m(change.kind === 'added' ? 'changes.added' : 'changes.removed')}</strong>
            {where}
          </Typography>
        </li>
      );
    default:
      return (
        <li data-field={change.field}>
          <Typography variant="pi">
            <strong>
              {where}
              {change.label}
            </strong>
            ：{change.from ?? none} → {change.to ?? none}
          </Typography>
        </li>
      );
  }
};

/** A signed version, read-only: the page's text fields and each placed article's, as they were signed. */
const SignedVersion = ({ view, onClose }: { view: VersionView; onClose: () => void }) => {
  const m = useMessages();
  const { version, snapshot } = view;
  const names = snapshot.names;
  return (
    <Box padding={3} background="neutral100" hasRadius data-testid="signed-version">
      <Flex justifyContent="space-between" gap={2}>
        <Typography variant="sigma">
          {m('changes.versionTitle', {
            at: time(version.at),
            who: version.contributorName ?? version.actorName ?? '',
            role: version.role ? SIGN_ROLE_LABEL[version.role] : '',
          })}
        </Typography>
        <TextButton onClick={onClose}>{m('changes.close')}</TextButton>
      </Flex>
      <Typography variant="pi" tag="p" textColor={view.intact ? 'success600' : 'danger600'}>
        {m(view.intact ? 'changes.intact' : 'changes.notIntact', { hash: version.hash })}
      </Typography>
      {snapshot.parts.map((part) => (
        <Box key={part.locale} paddingTop={2}>
          {snapshot.parts.length > 1 ? <Typography variant="sigma">{part.locale}</Typography> : null}
          <Typography variant="pi" tag="p">
            {[part.page?.name, part.page?.theme].filter(Boolean).join(' · ')}
          </Typography>
          {part.articles.map((a, i) =>
            a ? (
              <Box key={i} paddingTop={2}>
                <Typography variant="omega" fontWeight="bold" tag="p">
                  {[a.kicker, a.headline, a.subtitle].filter(Boolean).join(' ')}
                </Typography>
                <Typography variant="pi" tag="p" textColor="neutral600">
                  {a.bylines.map((b) => `${b.role ?? ''} ${b.contributors.map((c) => names.contributors[c] ?? c).join('、')}`).join('　')}
                </Typography>
                <Typography variant="pi" tag="p" style={{ whiteSpace: 'pre-wrap' }}>
                  {a.body}
                </Typography>
                {a.photos.map((p, j) =>
                  p.caption ? <Typography key={j} variant="pi" tag="p" textColor="neutral600">{`[${j + 1}] ${p.caption}`}</Typography> : null,
                )}
              </Box>
            ) : null,
          )}
        </Box>
      ))}
    </Box>
  );
};

/** One end of a comparison: a fixed first choice (the last signature, the draft) or any signed version. */
const VersionSelect = ({
  label,
  value,
  onChange,
  first,
  signed,
  name,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  first: [string, string];
  signed: HistoryRow[];
  name: (h: HistoryRow) => string;
}) => (
  <Box minWidth="10rem">
    <SingleSelect aria-label={label} size="S" value={value} onChange={(v: string | number) => onChange(String(v))}>
      <SingleSelectOption value={first[0]}>{first[1]}</SingleSelectOption>
      {signed.map((h) => (
        <SingleSelectOption key={h.documentId} value={h.documentId}>
          {name(h)}
        </SingleSelectOption>
      ))}
    </SingleSelect>
  </Box>
);

export const SignoffChanges = ({
  documentId,
  history,
  reload,
  opened,
  onClose,
}: {
  documentId: string;
  history: HistoryRow[];
  /** Changes when the page or its history does: read again. */
  reload: string;
  /** The signature whose version to show read-only (chosen in the history), or null. */
  opened: string | null;
  onClose: () => void;
}) => {
  const { get } = useFetchClient();
  const m = useMessages();
  const errorText = useErrorText();
  const [since, setSince] = React.useState(LAST);
  const [to, setTo] = React.useState(DRAFT);
  const [diff, setDiff] = React.useState<ChangesView | null>(null);
  const [version, setVersion] = React.useState<VersionView | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const signed = history.filter((h) => h.action === 'signed' && h.version);

  React.useEffect(() => {
    const query = new URLSearchParams();
    if (since !== LAST) query.set('since', since);
    if (to !== DRAFT) query.set('to', to);
    get(`/banmian/pages/${documentId}/changes${query.toString() ? `?${query}` : ''}`)
      .then((res) => {
        setDiff(res.data as ChangesView);
        setError(null);
      })
      .catch((e) => setError(errorText(e)));
  }, [documentId, reload, since, to]);

  React.useEffect(() => {
    if (!opened) return setVersion(null);
    get(`/banmian/pages/${documentId}/versions/${opened}`)
      .then((res) => setVersion(res.data as VersionView))
      .catch((e) => setError(errorText(e)));
  }, [documentId, opened]);

  const label = (h: HistoryRow) => `${time(h.at)} ${h.role ? SIGN_ROLE_LABEL[h.role] : ''} ${h.contributorName ?? h.actorName}`;
  const compared = since !== LAST || to !== DRAFT;
  return (
    <Flex direction="column" gap={2} alignItems="stretch">
      {error ? (
        <Typography variant="pi" textColor="danger600">
          {m('changes.loadFailed', { error })}
        </Typography>
      ) : null}
      {diff?.since && (diff.changes.length > 0 || compared) ? (
        <Box data-testid="signoff-changes" padding={2} background="warning100" hasRadius>
          <Typography variant="sigma" textColor="neutral700">
            {compared
              ? m('changes.between', { since: time(diff.since.at), to: diff.to.draft ? m('changes.draft') : time(diff.to.at) })
              : m('changes.since', { at: time(diff.since.at), who: diff.since.contributorName ?? diff.since.actorName ?? '' })}
          </Typography>
          {diff.changes.length === 0 ? (
            <Typography variant="pi" tag="p">
              {m('changes.none')}
            </Typography>
          ) : (
            <Flex tag="ul" direction="column" gap={1} alignItems="stretch">
              {diff.changes.map((c, i) => (
                <ChangeItem key={i} change={c} />
              ))}
            </Flex>
          )}
        </Box>
      ) : null}
      {signed.length > 1 || (signed.length === 1 && compared) ? (
        <Flex gap={2} wrap="wrap" alignItems="center" data-testid="changes-picker">
          <Typography variant="pi" textColor="neutral600">
            {m('changes.compare')}
          </Typography>
          <VersionSelect label={m('changes.from')} value={since} onChange={setSince} first={[LAST, m('changes.lastSignature')]} signed={signed} name={label} />
          <VersionSelect label={m('changes.to')} value={to} onChange={setTo} first={[DRAFT, m('changes.draft')]} signed={signed} name={label} />
          {compared ? (
            <Button
              variant="tertiary"
              size="S"
              onClick={() => {
                setSince(LAST);
                setTo(DRAFT);
              }}
            >
              {m('changes.reset')}
            </Button>
          ) : null}
        </Flex>
      ) : null}
      {version ? <SignedVersion view={version} onClose={onClose} /> : null}
    </Flex>
  );
};
