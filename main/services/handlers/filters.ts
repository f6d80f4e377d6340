import { trainingSettings, type FilterModel } from '../../../engine';
import { toFilterInfo } from '../dto';
import { ServiceError } from '../errors';
import { filterHeatmap } from '../filter-heatmap';
import { filterProvenance } from '../filter-provenance';
import { trainAndStoreFilter } from '../filters';
import { labelGroups } from '../label-sets';
import { project } from '../label-view';
import { prepareRun } from '../prepare-run';
import type { DomainHandlers, ServiceContext } from './context';
import type { LabelPlanes } from './label-planes';

/** Labelled candidates drawn over a heatmap: every one would be tens of thousands of points. */
const HEATMAP_POINTS = 3000;

/** filters:*: trainings as background jobs, stored filters, their weights over a set's plane. */
export function filterHandlers(ctx: Pick<ServiceContext, 'store' | 'events' | 'jobs' | 'trainer'>, planes: LabelPlanes): DomainHandlers<'filters'> {
  const { store, events, jobs } = ctx;
  return {
    'filters:heatmap': ({ filterId, labelSetId, size }) => {
      const filter = store.getFilter(filterId);
      if (!filter) throw new ServiceError('BAD_REQUEST', `no filter '${filterId}'`);
      if (filter.status !== 'ready') throw new ServiceError('BAD_REQUEST', `filter '${filterId}' is ${filter.status}, not ready`);
      const { plane, range } = planes.of(labelSetId);
      const model = filter.model as FilterModel;
      if (model.dim !== plane.dim) throw new ServiceError('BAD_REQUEST', `filter '${filterId}' is for d = ${model.dim}, label set '${labelSetId}' has d = ${plane.dim}`);
      const grid = filterHeatmap(model, plane, range, Math.min(Math.max(size ?? 60, 8), 200));
      // A deterministic stride keeps about HEATMAP_POINTS of the labelled candidates.
      const points = { x: [] as number[], y: [] as number[], labels: [] as number[] };
      const stride = Math.max(1, Math.ceil((store.getLabelSet(labelSetId)?.counts.candidates ?? 0) / HEATMAP_POINTS));
      for (const g of store.getLabelGenerations(labelSetId)) {
        const group = store.getLabelGroup(labelSetId, g)!;
        const p = project(plane, group.candidates, group.labels.length);
        for (let i = 0; i < group.labels.length; i += stride) {
          if (group.labels[i] < 0) continue;
          points.x.push(p.x[i]);
          points.y.push(p.y[i]);
          points.labels.push(group.labels[i]);
        }
      }
      return { ...grid, axisNames: [...plane.axisNames] as [string, string], explained: plane.explained ? ([...plane.explained] as [number, number]) : null, points };
    },
    'filters:train': async (args) => {
      const set = store.getLabelSet(args.labelSetId);
      if (!set) throw new ServiceError('BAD_REQUEST', `no label set '${args.labelSetId}'`);
      if (set.counts.good === 0) throw new ServiceError('BAD_REQUEST', `label set '${set.id}' has no candidate labelled good yet`);
      const bad = (args.overrides ?? []).find((o) => !o.startsWith('filter.training.'));
      if (bad) throw new ServiceError('INVALID_CONFIG', `${bad.split('=')[0]}: training takes filter.training.* fields only`);
      const settings = trainingSettings(prepareRun({ config: { filter: { kind: 'neural' } }, overrides: args.overrides ?? [] }));
      const family = (set.source as { family: string }).family;
      let filterId: string | null = null;
      const id = await jobs.start(
        'training',
        ({ signal, created }) =>
          trainAndStoreFilter(
            store,
            ctx.trainer(),
            { name: args.name ?? `filter on ${set.name}`, labelSetId: set.id, family, groups: labelGroups(store, set.id), settings },
            {
              signal,
              onCreated: (fid) => {
                filterId = fid;
                created(fid);
                events.emit('store:changed', { what: 'filters' });
              },
              onEpoch: (epoch) => {
                if (filterId !== null) events.emit('training:epoch', { filterId, epoch, epochs: settings.epochs });
              },
            },
          ),
        {
          onEnd: (outcome, fid) => {
            events.emit('training:finished', { filterId: fid, status: outcome.filter.status, message: outcome.message });
            events.emit('store:changed', { what: 'filters' });
          },
        },
      );
      return { filterId: id };
    },
    'filters:cancel': ({ filterId }) => ({ cancelled: jobs.cancel('training', filterId) }),
    'filters:list': () => store.listFilters().map(toFilterInfo),
    'filters:history': ({ filterId }) => store.getTrainingEpochs(filterId),
    'filters:provenance': ({ filterIds }) => filterProvenance(store, filterIds),
  };
}
