import * as React from 'react';
import { Badge } from '@strapi/design-system';
// The newsroom's vocabulary the server uses (no Node imports), bundled into the panel.
import { STAGE_LABEL, creditsLine as printedCredits, type Stage } from '../newsroom/glossary';

/** A page's sign-off stage (a code, src/newsroom/glossary.ts) as a coloured badge with its label: grey → blue → orange → green. */
const LOOK: Record<string, { backgroundColor: string; textColor: string }> = {
  collecting: { backgroundColor: 'neutral150', textColor: 'neutral700' },
  edited: { backgroundColor: 'primary100', textColor: 'primary700' },
  laid_out: { backgroundColor: 'warning100', textColor: 'warning700' },
  proofread: { backgroundColor: 'success100', textColor: 'success700' },
};

export const StageBadge = ({ stage }: { stage: string }) => (
  <Badge {...(LOOK[stage] ?? LOOK.collecting)} data-stage={stage}>
    {STAGE_LABEL[stage as Stage] ?? stage}
  </Badge>
);

/** `□编辑/王芳 □版式/任宝红 □审校/—`, as the credits line is printed. */
export function creditsLine(credits: Record<string, { name: string } | null> | undefined) {
  return printedCredits({ editor: credits?.editor?.name, layout: credits?.layout?.name, proofreader: credits?.proofreader?.name }, '—');
}
