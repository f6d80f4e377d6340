import { requireLabelSetSource, toLabelSetInfo } from '../dto';
import { ServiceError } from '../errors';
import { checkCreateLabelSetPayload, createLabelSet, saveLabelEntries } from '../label-sets';
import { machineSuggestion, project, sourceTruth } from '../label-view';
import { prepareRun } from '../prepare-run';
import type { DomainHandlers, ServiceContext } from './context';
import type { LabelPlanes } from './label-planes';

/** labels:*: label sets, their candidates in the display plane, and labels saved by hand. */
export function labelHandlers(ctx: Pick<ServiceContext, 'store' | 'events'>, planes: LabelPlanes): DomainHandlers<'labels'> {
  const { store, events } = ctx;
  return {
    'labels:create': (args) => {
      const { request, kind, name, labeler } = checkCreateLabelSetPayload(args);
      const config = prepareRun({ ...request, overrides: ['filter.kind=neural', ...(request.overrides ?? [])] });
      const set = createLabelSet(store, config, { name, kind, labeler });
      events.emit('store:changed', { what: 'labels' });
      return toLabelSetInfo(set);
    },
    'labels:list': () => store.listLabelSets().map(toLabelSetInfo),
    'labels:candidates': ({ labelSetId, generation }) =>
      store.snapshot((s) => {
        const set = s.getLabelSet(labelSetId);
        if (!set) throw new ServiceError('BAD_REQUEST', `no label set '${labelSetId}'`);
        const group = s.getLabelGroup(labelSetId, generation);
        if (!group) throw new ServiceError('BAD_REQUEST', `label set '${labelSetId}' has no generation ${generation}`);
        const { plane, range } = planes.of(labelSetId);
        const count = group.labels.length;
        const points = project(plane, group.candidates, count);
        const [ex, ey] = [project(plane, group.estimate, 1), project(plane, sourceTruth(requireLabelSetSource(set)), 1)];
        return {
          labelSetId,
          generation,
          generations: s.getLabelGenerations(labelSetId),
          dim: group.dim,
          estimate: group.estimate,
          candidates: Array.from(group.candidates),
          labels: Array.from(group.labels),
          view: {
            x: points.x,
            y: points.y,
            axisNames: [...plane.axisNames] as [string, string],
            explained: plane.explained ? ([...plane.explained] as [number, number]) : null,
            estimate: [ex.x[0], plane.dim === 1 ? 0.5 : ex.y[0]],
            truth: [ey.x[0], plane.dim === 1 ? 0.5 : ey.y[0]],
            range,
          },
        };
      }),
    'labels:save': (args) => {
      const result = saveLabelEntries(store, args);
      events.emit('store:changed', { what: 'labels' });
      return result;
    },
    'labels:suggest': ({ labelSetId, generation }) => {
      const set = store.getLabelSet(labelSetId);
      if (!set) throw new ServiceError('BAD_REQUEST', `no label set '${labelSetId}'`);
      const group = store.getLabelGroup(labelSetId, generation);
      if (!group) throw new ServiceError('BAD_REQUEST', `label set '${labelSetId}' has no generation ${generation}`);
      const source = requireLabelSetSource(set);
      return {
        labels: machineSuggestion(source, generation, group.candidates, group.dim, group.estimate),
        rule: `machine rule: the ${Math.round((1 - source.contamination) * 100)}% most likely under the truth are good`,
      };
    },
  };
}
