import { BACKEND_ORDER, type BackendName } from './backend-names';
import { loadTf, type Importer } from './tf-backend';
import type { AdapterReport } from './webgpu-step';
import { DEFAULT_WORKLOAD, WORKLOADS, type WorkloadName } from './workloads';

/** Whether one step of the chain loads here, and why not, tried on its own (`doctor`). */
export interface StepStatus {
  readonly name: BackendName;
  readonly loads: boolean;
  readonly reason: string;
  /** The workloads whose chain holds this step. */
  readonly workloads: readonly WorkloadName[];
  readonly adapter?: AdapterReport;
}

/**
 * Every step tried on its own, as if asked for by name, so `doctor` can say for each one whether
 * it loads and why not, beyond the steps the chain reached before it stopped. A software
 * adapter loads when asked for by name, but the chain refuses it otherwise: its reason says so.
 */
export async function probeSteps(options: { importer?: Importer } = {}): Promise<StepStatus[]> {
  const statuses: StepStatus[] = [];
  for (const name of BACKEND_ORDER) {
    const workloads = (Object.keys(WORKLOADS) as WorkloadName[]).filter((w) => WORKLOADS[w].prior.includes(name));
    const workload = workloads.includes(DEFAULT_WORKLOAD) ? DEFAULT_WORKLOAD : workloads[0];
    const { report } = await loadTf({ prefer: name, workload, calibration: null, importer: options.importer });
    const own = report.chain.find((a) => a.name === name);
    const loads = report.backend === name;
    let reason = own?.reason ?? 'not tried';
    if (loads && report.adapter?.software) reason += '; software: the chain passes it over unless COLLAPSE_LAB_TF_BACKEND=webgpu';
    statuses.push({ name, loads, reason, workloads, ...(name === 'webgpu' && report.adapter ? { adapter: report.adapter } : {}) });
  }
  return statuses;
}
