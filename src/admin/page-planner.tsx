import * as React from 'react';
import { useFetchClient, useNotification, useForm } from '@strapi/strapi/admin';
import { useEditViewRefetch } from './edit-view-refetch';
import { Box, Button, Flex, Modal, Typography } from '@strapi/design-system';
import { Layout } from '@strapi/icons';
import type { PanelProps } from './broadsheet-actions';
import type { PlannerView } from '../broadsheet/planner';
import { layoutPage, placeInRect } from '../broadsheet/page-layout';
import { rectsOverlap, type GridRect } from '../broadsheet/page-formats';
import { useErrorText, useMessages } from './messages';
import { circled } from '../newsroom/entry-labels';
import { pageHoles, undersetOf } from '../broadsheet/underset';
import { MM_PER_PT } from '../broadsheet/page-formats';
import { useMeasuredFits } from './page-fit';

/**
 * 版面规划: the page on its module grid, each placed article a block the editor
 * drags to a new place and resizes in whole modules (mouse or keyboard: arrows
 * move the focused block, Shift+arrows resize it), with the estimated fit of
 * each block (超版/欠版) following every change. Saving sends the rectangles to
 * PUT /banmian/pages/:documentId/layout (src/broadsheet/planner.ts), which
 * writes them through the Document Service, so sign-off resets apply. The saved
 * layout is measured in this browser as the 签字 panel measures it (the 版's
 * proof in an off-screen frame, assets/copyfit.js): a block where it was saved
 * shows the measured figures, a block moved since the estimate.
 */

const PAGE = 'api::page.page';
// The grid's largest size on screen, in px; in a shorter window it shrinks so the whole 版
// (every row) stays in view above the dialog's footer, without scrolling.
const MAX_WIDTH = 720;
const MAX_HEIGHT = 620;
// What the dialog needs besides the grid: its margins, header, help line, status lines and footer.
const DIALOG_CHROME = 400;
const MIN_HEIGHT = 200;

function useGridHeight() {
  const fit = () => Math.max(MIN_HEIGHT, Math.min(MAX_HEIGHT, window.innerHeight - DIALOG_CHROME));
  const [height, setHeight] = React.useState(fit);
  React.useEffect(() => {
    const onResize = () => setHeight(fit());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return height;
}

type Block = PlannerView['blocks'][number];
type Drag = { index: number; mode: 'move' | 'resize'; x: number; y: number; start: GridRect; rect: GridRect };

function clampToGrid(r: GridRect, columns: number, rows: number): GridRect {
  const colSpan = Math.min(Math.max(1, r.colSpan), columns);
  const rowSpan = Math.min(Math.max(1, r.rowSpan), rows);
  return { colSpan, rowSpan, col: Math.min(Math.max(1, r.col), columns - colSpan + 1), row: Math.min(Math.max(1, r.row), rows - rowSpan + 1) };
}

function Planner({ view, onSaved, onClose }: { view: PlannerView; onSaved: (v: PlannerView) => void; onClose: () => void }) {
  const { put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const m = useMessages();
  const errorText = useErrorText();
  const [blocks, setBlocks] = React.useState<Block[]>(view.blocks);
  const [drag, setDrag] = React.useState<Drag | null>(null);
  const [dirty, setDirty] = React.useState(false);
  const [busy, setBusy] = React.useState(false);
  const [said, say] = React.useState('');
  // The layout as saved (what the 预览 shows), and its fit measured in this browser; measured again after each save.
  const [saved, setSaved] = React.useState(0);
  const measured = useMeasuredFits({ issueDocumentId: view.page.issue, page: view.page.number, locale: view.page.locale, version: String(saved) });
  const { format } = view;
  const geometry = { ...view.geometry, format };
  const maxHeight = useGridHeight();
  const mm = Math.min(MAX_WIDTH / format.typeArea.width, maxHeight / geometry.gridHeight); // px per mm
  const linesPerModule = geometry.moduleHeight / (format.leading * MM_PER_PT);
  const gridWidth = format.columns * (geometry.columnWidth + format.gutter) * mm - format.gutter * mm;
  const pitchX = (geometry.columnWidth + format.gutter) * mm;
  const pitchY = geometry.moduleHeight * mm;
  const px = (r: GridRect) => ({
    left: (r.col - 1) * pitchX,
    top: (r.row - 1) * pitchY,
    width: r.colSpan * pitchX - format.gutter * mm,
    height: r.rowSpan * pitchY - 2,
  });
  const rectText = (r: GridRect) => m('planner.rect', { col: r.col, colSpan: r.colSpan, row: r.row, rowSpan: r.rowSpan });
  const sameRect = (a: GridRect, b: number[]) => a.col === b[0] && a.colSpan === b[1] && a.row === b[2] && a.rowSpan === b[3];
  /** A block's fit: measured when it sits where it was saved and the measurement is in, else estimated. */
  const fitText = (b: Block, r: GridRect) => {
    const real = measured.fits?.find((f) => f.order === b.order && sameRect(r, f.rect));
    if (real) {
      const over = real.overLines > 0 || real.overChars > 0;
      return {
        over,
        under: Boolean(real.underset),
        method: 'measured' as const,
        text: over
          ? m('planner.measuredOver', { lines: Math.max(real.overLines, 0), chars: Math.max(real.overChars, 0) })
          : real.underset
            ? m('planner.measuredUnderset', { lines: real.underset.lines, modules: real.underset.modules })
            : m('planner.measuredUnder', { lines: -real.overLines }),
      };
    }
    const fit = placeInRect(geometry, r, b.fitArticle, b.lead).fit;
    const under = undersetOf(fit, r.colSpan, linesPerModule);
    return fit.overLines > 0
      ? { over: true, under: false, method: 'estimate' as const, text: m('planner.over', { lines: fit.overLines, chars: fit.overChars }) }
      : under
        ? { over: false, under: true, method: 'estimate' as const, text: m('planner.underset', { lines: under.lines, modules: under.modules }) }
        : { over: false, under: false, method: 'estimate' as const, text: m('planner.under', { lines: -fit.overLines }) };
  };

  /** Puts block `index` at `rect` unless it leaves the grid or covers another block; says why not. */
  const place = (index: number, rect: GridRect) => {
    const r = clampToGrid(rect, format.columns, format.rows);
    const other = blocks.findIndex((b, i) => i !== index && rectsOverlap(b.rect, r));
    if (other >= 0) {
      say(m('planner.blocked', { other: blocks[other].headline }));
      return false;
    }
    setBlocks((bs) => bs.map((b, i) => (i === index ? { ...b, rect: r, auto: false } : b)));
    setDirty(true);
    say(`${blocks[index].headline}：${rectText(r)}，${fitText(blocks[index], r).text}`);
    return true;
  };

  const onPointerDown = (index: number, mode: Drag['mode']) => (e: React.PointerEvent) => {
    e.preventDefault();
    e.stopPropagation();
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    setDrag({ index, mode, x: e.clientX, y: e.clientY, start: blocks[index].rect, rect: blocks[index].rect });
  };
  const onPointerMove = (e: React.PointerEvent) => {
    if (!drag) return;
    const dx = Math.round((e.clientX - drag.x) / pitchX);
    const dy = Math.round((e.clientY - drag.y) / pitchY);
    const s = drag.start;
    const next =
      drag.mode === 'move' ? { ...s, col: s.col + dx, row: s.row + dy } : { ...s, colSpan: Math.max(1, s.colSpan + dx), rowSpan: Math.max(1, s.rowSpan + dy) };
    setDrag({ ...drag, rect: clampToGrid(next, format.columns, format.rows) });
  };
  const onPointerUp = () => {
    if (!drag) return;
    const { index, rect, start } = drag;
    setDrag(null);
    if (rect.col !== start.col || rect.row !== start.row || rect.colSpan !== start.colSpan || rect.rowSpan !== start.rowSpan) place(index, rect);
  };
  const onKeyDown = (index: number) => (e: React.KeyboardEvent) => {
    const step = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[e.key];
    if (!step) return;
    e.preventDefault();
    const r = blocks[index].rect;
    place(index, e.shiftKey ? { ...r, colSpan: r.colSpan + step[0], rowSpan: r.rowSpan + step[1] } : { ...r, col: r.col + step[0], row: r.row + step[1] });
  };

  const autoLayout = () => {
    const laid = layoutPage(
      format,
      { theme: view.page.theme },
      blocks.map((b) => ({ rect: { col: null, colSpan: null, row: null, rowSpan: null }, span: b.span, lead: b.lead, article: b.fitArticle })),
    );
    setBlocks((bs) => bs.map((b, i) => ({ ...b, rect: laid.placements[i].rect, auto: true })));
    setDirty(true);
    say(m('planner.autoDone'));
  };

  const save = async () => {
    setBusy(true);
    try {
      const { data } = await put(`/banmian/pages/${view.page.documentId}/layout?locale=${encodeURIComponent(view.page.locale)}`, {
        blocks: blocks.map((b) => ({ article: b.article, rect: b.auto ? null : b.rect })),
      });
      toggleNotification({ type: 'success', message: m('planner.saved') });
      setDirty(false);
      // The dialog stays open: the saved layout is measured in the browser and its blocks show those figures.
      setBlocks((data as PlannerView).blocks);
      setSaved((n) => n + 1);
      onSaved(data as PlannerView);
    } catch (error) {
      toggleNotification({ type: 'danger', message: m('planner.saveFailed', { error: errorText(error) }) });
    } finally {
      setBusy(false);
    }
  };

  const gridHeight = format.rows * pitchY;
  return (
    <>
      <Modal.Body>
        <Flex direction="column" alignItems="stretch" gap={3}>
          <Typography variant="pi" textColor="neutral600">
            {m('planner.help', { format: format.name, columns: format.columns, rows: format.rows })}
          </Typography>
          <div
            data-testid="planner-grid"
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            style={{
              position: 'relative',
              width: gridWidth,
              height: gridHeight,
              margin: '0 auto',
              background: `repeating-linear-gradient(90deg, #f0f0ff 0 ${pitchX - format.gutter * mm}px, #fff ${pitchX - format.gutter * mm}px ${pitchX}px),
                repeating-linear-gradient(0deg, transparent 0 ${pitchY - 1}px, #dcdce4 ${pitchY - 1}px ${pitchY}px)`,
              backgroundBlendMode: 'multiply',
              outline: '1px solid #c0c0cf',
              touchAction: 'none',
            }}
          >
            {Array.from({ length: format.rows }, (_, r) => (
              <div
                key={`row-${r}`}
                aria-hidden="true"
                data-testid={`planner-row-${r + 1}`}
                style={{ position: 'absolute', left: 0, right: 0, top: r * pitchY, height: pitchY, pointerEvents: 'none' }}
              />
            ))}
            {pageHoles(
              format.columns,
              format.rows,
              blocks.map((b, i) => (drag?.index === i ? drag.rect : b.rect)),
            ).map((h) => (
              // Modules no block covers: white on the printed sheet (欠版), shown where they are.
              <div
                key={`hole-${h.col}-${h.row}`}
                data-testid="planner-hole"
                data-rect={`${h.col},${h.colSpan},${h.row},${h.rowSpan}`}
                style={{
                  position: 'absolute',
                  ...px(h),
                  boxSizing: 'border-box',
                  border: '2px dashed #c26a00',
                  background: 'rgba(194,106,0,0.08)',
                  pointerEvents: 'none',
                  padding: 4,
                  overflow: 'hidden',
                }}
              >
                <Typography variant="pi" textColor="warning600">
                  {m('planner.hole', { col: h.col, row: h.row, colSpan: h.colSpan, rowSpan: h.rowSpan })}
                </Typography>
              </div>
            ))}
            {blocks.map((b, i) => {
              const rect = drag?.index === i ? drag.rect : b.rect;
              const fit = fitText(b, rect);
              return (
                <div
                  key={b.article}
                  role="button"
                  tabIndex={0}
                  data-testid={`planner-block-${i + 1}`}
                  data-rect={`${rect.col},${rect.colSpan},${rect.row},${rect.rowSpan}`}
                  data-over={fit.over ? 'true' : 'false'}
                  data-under={fit.under ? 'true' : 'false'}
                  data-fit-method={fit.method}
                  aria-label={`${circled(i + 1)} ${b.headline}，${rectText(rect)}，${fit.text}`}
                  aria-roledescription={m('planner.blockRole')}
                  onPointerDown={onPointerDown(i, 'move')}
                  onKeyDown={onKeyDown(i)}
                  style={{
                    position: 'absolute',
                    ...px(rect),
                    boxSizing: 'border-box',
                    padding: 6,
                    overflow: 'hidden',
                    cursor: drag?.index === i ? 'grabbing' : 'grab',
                    background: drag?.index === i ? 'rgba(73,69,255,0.25)' : 'rgba(255,255,255,0.92)',
                    border: `2px ${fit.under ? 'dashed' : 'solid'} ${fit.over ? '#d02b20' : fit.under ? '#c26a00' : '#4945ff'}`,
                    borderRadius: 2,
                    userSelect: 'none',
                  }}
                >
                  <Typography variant="omega" fontWeight="bold" tag="p" ellipsis>
                    {circled(i + 1)} {b.lead ? `${m('planner.lead')} ` : ''}
                    {b.headline}
                  </Typography>
                  <Typography variant="pi" tag="p" textColor={fit.over ? 'danger600' : fit.under ? 'warning600' : 'success600'} data-testid="planner-fit">
                    {fit.text}
                  </Typography>
                  <Typography variant="pi" tag="p" textColor="neutral600">
                    {rectText(rect)}
                    {b.auto ? ` · ${m('planner.auto')}` : ''}
                  </Typography>
                  <span
                    data-testid={`planner-resize-${i + 1}`}
                    aria-hidden="true"
                    onPointerDown={onPointerDown(i, 'resize')}
                    style={{ position: 'absolute', right: 0, bottom: 0, width: 14, height: 14, background: '#4945ff', cursor: 'nwse-resize' }}
                  />
                </div>
              );
            })}
          </div>
          <div aria-live="polite" data-testid="planner-status" style={{ minHeight: 20 }}>
            <Typography variant="pi">{said}</Typography>
          </div>
          <Typography variant="pi" textColor={measured.error ? 'danger600' : 'neutral600'} data-testid="planner-measure">
            {measured.error ?? (measured.fits ? m('planner.measured') : m('planner.measuring'))}
          </Typography>
          {measured.frame}
        </Flex>
      </Modal.Body>
      <Modal.Footer>
        <Button variant="tertiary" onClick={onClose}>
          {m('planner.close')}
        </Button>
        <Flex gap={2}>
          <Button variant="secondary" onClick={autoLayout}>
            {m('planner.autoLayout')}
          </Button>
          <Button onClick={save} disabled={!dirty} loading={busy}>
            {m('planner.save')}
          </Button>
        </Flex>
      </Modal.Footer>
    </>
  );
}

const PlannerContent = ({ documentId, document }: PanelProps) => {
  const { get } = useFetchClient();
  const m = useMessages();
  const errorText = useErrorText();
  const { toggleNotification } = useNotification();
  const modified = useForm('PagePlanner', (s) => s.modified, false);
  const [view, setView] = React.useState<PlannerView | null>(null);
  const [open, setOpen] = React.useState(false);
  const refetch = useEditViewRefetch(PAGE, documentId);
  const locale = document?.locale ?? '';

  const openPlanner = async () => {
    try {
      const { data } = await get(`/banmian/pages/${documentId}/layout`, { params: locale ? { locale } : {} } as any);
      setView(data as unknown as PlannerView);
      setOpen(true);
    } catch (error) {
      toggleNotification({ type: 'danger', message: m('planner.loadFailed', { error: errorText(error) }) });
    }
  };

  return (
    <Flex direction="column" gap={2} alignItems="stretch" width="100%">
      <Button variant="secondary" startIcon={<Layout />} onClick={openPlanner} disabled={Boolean(modified)} fullWidth>
        {m('planner.open')}
      </Button>
      {modified ? (
        <Typography variant="pi" textColor="warning600">
          {m('planner.unsaved')}
        </Typography>
      ) : null}
      <Modal.Root open={open} onOpenChange={setOpen}>
        <Modal.Content style={{ maxWidth: 820, width: '90vw' }}>
          <Modal.Header closeLabel={m('planner.close')}>
            <Modal.Title>{view ? m('planner.title', { page: view.page.name }) : m('planner.open')}</Modal.Title>
          </Modal.Header>
          {view ? (
            <Planner
              view={view}
              onClose={() => setOpen(false)}
              onSaved={(v) => {
                setView(v);
                // The edit view's copy of the page (stage, placements) follows the save; the dialog stays to show the measured fit.
                refetch();
              }}
            />
          ) : null}
        </Modal.Content>
      </Modal.Root>
      <Box>
        <Typography variant="pi" textColor="neutral600">
          {m('planner.hint')}
        </Typography>
      </Box>
    </Flex>
  );
};

/** Edit-view side panel of saved pages. */
export const PlannerPanel = (props: PanelProps) => {
  const m = useMessages();
  if (props.model !== PAGE || !props.documentId) return null;
  return { title: m('planner.panelTitle'), content: <PlannerContent {...props} /> };
};
