import { CONFIG_FIELDS, ENGINE_VERSION, FAMILIES, FAMILY_SPECS, findPreset, PRESETS, presetConfig, resolveConfig, type FieldSpec } from '../../../engine';
import type { FieldInfo, RunRequest, ValidationResult } from '../../../preload/contract';
import { ServiceError } from '../errors';
import { prepareRun } from '../prepare-run';
import type { DomainHandlers, ServiceContext } from './context';

/** presets:list, config:* and system:backend: what the engine offers and where it runs. */
export function systemHandlers(ctx: Pick<ServiceContext, 'store' | 'loadTf' | 'threads'>): DomainHandlers<'presets' | 'config' | 'system'> {
  return {
    'presets:list': () =>
      PRESETS.map((p) => ({ name: p.name, title: p.title, source: p.source, theory: p.theory, config: resolveConfig(presetConfig(p)) })),
    'config:fields': () => CONFIG_FIELDS.map(fieldInfo),
    'config:validate': (request) => validate(request),
    'system:backend': async () => {
      const { report } = await ctx.loadTf();
      return { backend: report.backend, device: report.device, chain: [...report.chain], store: ctx.store.file, engineVersion: ENGINE_VERSION, threads: ctx.threads };
    },
  };
}

/** A field table entry as the forms get it; the family field says which families can be labelled. */
function fieldInfo(spec: FieldSpec): FieldInfo {
  return spec.path === 'model.family' ? { ...spec, labelable: FAMILIES.filter((f) => FAMILY_SPECS[f].labelable) } : { ...spec };
}

/** The form's check: the same validation the CLI runs, as a result instead of an exception. */
function validate(request: RunRequest): ValidationResult {
  try {
    if (request.preset !== undefined && !findPreset(request.preset)) {
      return { ok: false, path: 'preset', message: `unknown preset '${request.preset}'` };
    }
    return { ok: true, config: prepareRun(request) };
  } catch (error) {
    if (error instanceof ServiceError) {
      const colon = error.message.indexOf(': ');
      return { ok: false, path: colon > 0 ? error.message.slice(0, colon) : 'config', message: colon > 0 ? error.message.slice(colon + 2) : error.message };
    }
    throw error;
  }
}
