import * as React from 'react';
import { Badge } from '@strapi/design-system';
// The newsroom's vocabulary the server uses (no Node imports), bundled into the panel.
import { creditsLine as printedCredits } from '../newsroom/glossary';

/** A page's sign-off stage (src/signoff/stages.ts) as a coloured badge: grey → blue → orange → green. */
const LOOK: Record<string, { backgroundColor: string; textColor: string }> = {
  采编: { backgroundColor: 'neutral150', textColor: 'neutral700' },
  已编辑: { backgroundColor: 'primary100', textColor: 'primary700' },
  已排版: { backgroundColor: 'warning100', textColor: 'warning700' },
  已审校: { backgroundColor: 'success100', textColor: 'success700' },
};

export const StageBadge = ({ stage }: { stage: string }) => (
  <Badge {...(LOOK[stage] ?? LOOK['采编'])} data-stage={stage}>
    {stage}
  </Badge>
);

/** `□编辑/王芳 □版式/任宝红 □审校/—`, as the credits line is printed. */
export function creditsLine(credits: Record<string, { name: string } | null> | undefined) {
  return printedCredits({ editor: credits?.editor?.name, layout: credits?.layout?.name, proofreader: credits?.proofreader?.name }, '—');
}
