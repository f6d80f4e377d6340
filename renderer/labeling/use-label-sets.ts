import { useEffect } from 'react';
import type { LabelSetInfo } from '../../preload/contract';
import { invoke, on } from '../bridge/client';
import { useRequest, type RequestState } from '../lib/use-request';

/** The stored label sets, reloaded whenever labels change in the store (this window's saves included). */
export function useLabelSets(): RequestState<LabelSetInfo[]> {
  const sets = useRequest(() => invoke('labels:list', undefined));
  const { reload } = sets;
  useEffect(
    () =>
      on('store:changed', ({ what }) => {
        if (what === 'labels') reload();
      }),
    [reload],
  );
  return sets;
}
