import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Flex, Typography } from '@strapi/design-system';
import type { PlacementFit } from '../broadsheet/copyfit';
import { useErrorText, useMessages } from './messages';
import { circled } from '../newsroom/entry-labels';
import { holesOf } from '../broadsheet/underset';

/**
 * The page's copyfit as the 预览 measures it, shown in the 签字 panel so 版式
 * sees what is overset before signing: the page's proof is loaded into an
 * off-screen frame of this admin page, where assets/copyfit.js measures every
 * block in this browser (the same figures the 预览 marks on the sheet): overset
 * (超版), underset (欠版: a line or more of white per column) and the grid's
 * holes (modules no block covers).
 */

/**
 * Measures one 版 of an issue's draft in this browser: its proof, loaded into an
 * off-screen frame where assets/copyfit.js runs. `version` changes → measured
 * again. Returns the results (null while measuring), an error, and the frame to render.
 */
export function useMeasuredFits({
  issueDocumentId,
  page,
  locale,
  version,
}: {
  issueDocumentId: string;
  page: number;
  locale?: string | null;
  version?: string;
}) {
  const { get } = useFetchClient();
  const m = useMessages();
  const errorText = useErrorText();
  const [html, setHtml] = React.useState<string | null>(null);
  const [fits, setFits] = React.useState<PlacementFit[] | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const frame = React.useRef<HTMLIFrameElement>(null);

  React.useEffect(() => {
    let live = true;
    setFits(null);
    setHtml(null);
    setError(null);
    get(`/banmian/preview/issues/${issueDocumentId}`, {
      params: { status: 'draft', page: String(page), ...(locale ? { locale } : {}) },
      responseType: 'text',
    } as any)
      .then(({ data }) => live && setHtml(data as unknown as string))
      .catch((e) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [issueDocumentId, page, locale, version]);

  React.useEffect(() => {
    if (!html) return;
    // The measurement ends with window.banmianCopyfitResults in the frame (fonts and photos loaded first).
    const started = Date.now();
    const timer = window.setInterval(() => {
      const results = (frame.current?.contentWindow as any)?.banmianCopyfitResults as PlacementFit[] | undefined;
      if (results) {
        setFits(results);
        window.clearInterval(timer);
      } else if (Date.now() - started > 30000) {
        setError(m('fit.timeout'));
        window.clearInterval(timer);
      }
    }, 200);
    return () => window.clearInterval(timer);
  }, [html]);

  const frameElement = html ? (
    <iframe
      ref={frame}
      title={m('fit.frame')}
      aria-hidden="true"
      tabIndex={-1}
      srcDoc={html}
      style={{ position: 'fixed', left: -20000, top: 0, width: 1200, height: 1700, border: 0, visibility: 'hidden' }}
    />
  ) : null;
  return { fits, error, frame: frameElement };
}

export function PageFit(props: { issueDocumentId: string; page: number; locale?: string | null; version?: string }) {
  const m = useMessages();
  const { fits, error, frame } = useMeasuredFits(props);
  const holes = fits ? holesOf(fits) : [];

  return (
    <Flex direction="column" gap={1} alignItems="stretch" data-testid="page-fit">
      <Typography variant="sigma" textColor="neutral600">
        {m('fit.title')}
      </Typography>
      {error ? (
        <Typography variant="pi" textColor="danger600">
          {error}
        </Typography>
      ) : !fits ? (
        <Typography variant="pi" textColor="neutral600">
          {m('fit.measuring')}
        </Typography>
      ) : (
        <Flex tag="ol" direction="column" gap={1} alignItems="stretch">
          {fits.map((f, i) => {
            const over = f.overLines > 0 || f.overChars > 0;
            return (
              <li key={i} data-over={over ? 'true' : 'false'} data-under={f.underset ? 'true' : 'false'}>
                <Typography variant="pi" textColor={over ? 'danger600' : f.underset ? 'warning600' : 'neutral800'}>
                  {circled(i + 1)} {f.headline.length > 14 ? `${f.headline.slice(0, 14)}…` : f.headline}：{fitWords(m, f)}
                </Typography>
              </li>
            );
          })}
          {holes.map((h, i) => (
            <li key={`hole-${i}`} data-hole="true" data-rect={h.rect.join(',')}>
              <Typography variant="pi" textColor="warning600">
                {m('fit.hole', { col: h.rect[0], colSpan: h.rect[1], row: h.rect[2], rowSpan: h.rect[3], modules: h.modules })}
              </Typography>
            </li>
          ))}
        </Flex>
      )}
      {frame}
    </Flex>
  );
}

/** A measured fit in words: 超版 / 欠版 (underset: white on the sheet) / 欠 (fits, a little room left). */
export function fitWords(m: ReturnType<typeof useMessages>, f: PlacementFit) {
  if (f.overLines > 0 || f.overChars > 0) return m('fit.over', { lines: Math.max(f.overLines, 0), chars: Math.max(f.overChars, 0) });
  if (f.underset) return m('fit.underset', { lines: f.underset.lines, modules: f.underset.modules });
  return m('fit.under', { lines: -f.overLines, chars: -f.overChars });
}
