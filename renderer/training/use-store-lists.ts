import { useEffect } from 'react';
import type { FilterInfo, LabelSetInfo, PresetInfo, SystemReport } from '../../preload/contract';
import { invoke, on } from '../bridge/client';
import { useRequest, type RequestState } from '../lib/use-request';

/** The stored label sets, reloaded when the store's labels change (a set saved on the Label page, or made here). */
export function useLabelSets(): RequestState<LabelSetInfo[]> {
  const sets = useRequest(() => invoke('labels:list', undefined));
  const { reload } = sets;
  useEffect(() => on('store:changed', ({ what }) => what === 'labels' && reload()), [reload]);
  return sets;
}

/** The stored filters, reloaded when one is created or finishes (here, in another window, or by the CLI's store writes). */
export function useFilters(): RequestState<FilterInfo[]> {
  const filters = useRequest(() => invoke('filters:list', undefined));
  const { reload } = filters;
  useEffect(() => {
    const offs = [on('store:changed', ({ what }) => what === 'filters' && reload()), on('training:finished', () => reload())];
    return () => offs.forEach((off) => off());
  }, [reload]);
  return filters;
}

export function usePresets(): RequestState<PresetInfo[]> {
  return useRequest(() => invoke('presets:list', undefined));
}

export function useBackend(): RequestState<SystemReport> {
  return useRequest(() => invoke('system:backend', undefined));
}
