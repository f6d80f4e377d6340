import type { BundleImportResult } from '../../../preload/contract';
import { isStoreError } from '../../store';
import { BundleError, BundleImportConflict, exportBundle, importBundle, parseBundle } from '../bundle';
import { ServiceError } from '../errors';
import type { DomainHandlers, ServiceContext } from './context';

/**
 * Checks the whole bundle, then reads `ctx.store` (so a caller whose store opens on first use,
 * the CLI's `import`, opens nothing for a file that is refused) and imports it all or nothing.
 * A bad file or a conflicting id is ServiceError BAD_BUNDLE with the checks' one-line message.
 */
function importText(ctx: Pick<ServiceContext, 'store'>, text: string): BundleImportResult {
  try {
    const { contents } = parseBundle(text);
    return importBundle(ctx.store, contents);
  } catch (error) {
    if (error instanceof BundleError || error instanceof BundleImportConflict) throw new ServiceError('BAD_BUNDLE', error.message);
    throw error;
  }
}

/** bundles:*: a store's runs, label sets, filters and sweeps as one file, and back (services/bundle.ts). */
export function bundleHandlers(ctx: Pick<ServiceContext, 'store' | 'events'>): DomainHandlers<'bundles'> {
  return {
    'bundles:export': ({ runIds }) => {
      let exported;
      try {
        exported = exportBundle(ctx.store, runIds && runIds.length > 0 ? runIds : undefined);
      } catch (error) {
        if (error instanceof BundleError) throw new ServiceError('BAD_BUNDLE', error.message);
        if (isStoreError(error) && error.code === 'RUN_NOT_FOUND') throw new ServiceError('RUN_NOT_FOUND', error.message);
        throw error;
      }
      const stamp = exported.document.exportedAt.replace(/[:.]/g, '-');
      return { filename: `collapse-lab-${stamp}.bundle.json`, mimeType: 'application/json', content: `${JSON.stringify(exported.document)}\n`, counts: exported.counts };
    },
    'bundles:import': ({ text }) => {
      const result = importText(ctx, text);
      for (const what of ['runs', 'labels', 'filters', 'sweeps'] as const) ctx.events.emit('store:changed', { what });
      return result;
    },
  };
}
