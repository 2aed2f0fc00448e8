import type { Core } from '@strapi/strapi';
import { normaliseName, guessContributorKind } from './names';

/**
 * The one way code (seed, importer) gets a contributor: by normalised name,
 * created only when no one of that name exists yet.
 */
export async function findOrCreateContributor(
  strapi: Core.Strapi,
  rawName: string,
  extra: { kind?: 'person' | 'organisation'; affiliation?: string; onCreate?: (documentId: string) => void } = {},
) {
  const name = normaliseName(rawName);
  if (!name) throw new Error(`contributor name "${rawName}" is empty after normalisation`);
  const contributors = strapi.documents('api::contributor.contributor');
  const existing = await contributors.findFirst({ filters: { name } });
  if (existing) return existing;
  const created = await contributors.create({ data: { name, kind: extra.kind ?? guessContributorKind(name), affiliation: extra.affiliation } as any });
  extra.onCreate?.(created.documentId);
  return created;
}
