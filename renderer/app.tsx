import { lazy } from 'react';
import { AppHeader } from './shell/app-header';
import { ConnectionBanner } from './shell/connection-banner';
import { PageBoundary } from './shell/page-boundary';
import { pageTitle, parseRunRoute, type PageId } from './shell/routes';
import { useHash, useRoute } from './shell/use-route';

// Each page is its own chunk, fetched the first time it is shown: the first load carries the
// shell and the Runs page, and ECharts arrives with the first page that draws a chart.
const RunsPage = lazy(() => import('./runs/runs-page').then((m) => ({ default: m.RunsPage })));
const NewRunPage = lazy(() => import('./new-run/new-run-page').then((m) => ({ default: m.NewRunPage })));
const LabelPage = lazy(() => import('./labeling/label-page').then((m) => ({ default: m.LabelPage })));
const TrainPage = lazy(() => import('./training/train-page').then((m) => ({ default: m.TrainPage })));
const RunPage = lazy(() => import('./run-page/run-page').then((m) => ({ default: m.RunPage })));
const ComparePage = lazy(() => import('./compare/compare-page').then((m) => ({ default: m.ComparePage })));

/** The workbench: a header with the pages, and the current page. */
export function App() {
  const [page, navigate] = useRoute();
  const runRoute = parseRunRoute(useHash());
  return (
    <div className="app">
      <ConnectionBanner />
      <AppHeader page={page} />
      <main className="app-main">
        {runRoute ? (
          // Keyed by run: another run's page starts fresh; its own view state changes do not remount it.
          <PageBoundary key={`run-${runRoute.runId}`} title="Run">
            <RunPage runId={runRoute.runId} query={runRoute.query} />
          </PageBoundary>
        ) : (
          <PageBoundary key={page} title={pageTitle(page)}>
            {renderPage(page, navigate)}
          </PageBoundary>
        )}
      </main>
    </div>
  );
}

function renderPage(page: PageId, navigate: (page: PageId) => void) {
  switch (page) {
    case 'runs':
      return <RunsPage />;
    case 'new-run':
      return <NewRunPage onStarted={() => navigate('runs')} />;
    case 'label':
      return <LabelPage />;
    case 'train':
      return <TrainPage />;
    case 'compare':
      return <ComparePage />;
  }
}
