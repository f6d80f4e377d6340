import { useEffect } from 'react';
import { invoke } from '../bridge/client';
import { useRequest } from '../lib/use-request';
import { ErrorNotice } from '../shell/error-notice';
import { routeHref, runHref } from '../shell/routes';
import { RunActionsBar } from './run-actions-bar';
import { RunCharts } from './run-charts';
import { RunConfig } from './run-config';
import { RunFacts } from './run-facts';
import { formatRunView, parseRunView, type RunPageView } from './run-location';
import { RunNotes } from './run-notes';
import { RunProvenance } from './run-provenance';
import { RunTags } from './run-tags';
import { useRunDetail } from './use-run-detail';

interface Props {
  runId: string;
  /** The address's query after the run id: the page's view state (run-location.ts). */
  query: string;
}

/**
 * One run at its own address, `#/runs/RUN_ID` (issue 18, item 1): its facts, charts that grow
 * while it runs, config against its preset, provenance, notes and tags; rerun, export, delete.
 * The view (log axis, config fields shown) lives in the address, so a reload keeps it.
 */
export function RunPage({ runId, query }: Props) {
  const { run, error, reload } = useRunDetail(runId);
  const presets = useRequest(() => invoke('presets:list', undefined));
  const view = parseRunView(query);
  // replace: a toggle is not a page of its own in the history. The fragment change fires
  // hashchange, so App passes the new query down (the page keeps its state: keyed by run id).
  const setView = (next: Partial<RunPageView>): void => {
    window.location.replace(runHref(runId, formatRunView({ ...view, ...next })));
  };

  useEffect(() => {
    if (run) document.title = `${run.name} · Run · Collapse Lab`;
  }, [run]);

  return (
    <section className="page run-page" aria-labelledby="run-title" data-testid="run-page" data-run-id={runId}>
      <nav className="run-crumbs" aria-label="Breadcrumb">
        <a href={routeHref('runs')}>Runs</a> <span aria-hidden="true">/</span> <span className="mono">{runId}</span>
      </nav>
      <div className="page-head">
        <h1 id="run-title">{run?.name ?? 'Run'}</h1>
        {run && <RunActionsBar run={run} />}
      </div>
      {error !== null && <ErrorNotice error={error} context={`Could not load run ${runId}`} />}
      {run === null && error === null && <p className="loading">Loading the run…</p>}
      {run && (
        <>
          <RunFacts run={run} />
          <RunCharts run={run} log={view.log} onLog={(log) => setView({ log })} />
          <div className="run-columns">
            <div>
              <RunNotes runId={run.id} note={run.note} onSaved={reload} />
              <RunTags runId={run.id} tags={run.tags} onSaved={reload} />
              <RunProvenance run={run} />
            </div>
            <RunConfig run={run} presets={presets.data} view={view.config} onView={(config) => setView({ config })} />
          </div>
        </>
      )}
    </section>
  );
}
