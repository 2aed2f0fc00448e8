import * as React from 'react';
import { useQueryParams, unstable_useDocument } from '@strapi/strapi/admin';
import { buildValidParams } from '@strapi/content-manager/strapi-admin';

/**
 * Refetches the edit view's own copy of a document (the same query, so the same
 * cache entry): after a side panel changed the document through its own route (a
 * signature, a saved layout), the form takes the new values without reloading the page.
 */
export function useEditViewRefetch(model: string, documentId: string | undefined) {
  const [{ query }] = useQueryParams();
  const params = React.useMemo(() => buildValidParams(query), [query]);
  return unstable_useDocument({ collectionType: 'collection-types', model, documentId, params }, { skip: !documentId }).refetch;
}
