import { ComparePage } from './compare/compare-page';
import { LabelPage } from './labeling/label-page';
import { NewRunPage } from './new-run/new-run-page';
import { RunsPage } from './runs/runs-page';
import { AppHeader } from './shell/app-header';
import { ConnectionBanner } from './shell/connection-banner';
import type { PageId } from './shell/routes';
import { useRoute } from './shell/use-route';
import { TrainPage } from './training/train-page';

/** The workbench: a header with the pages, and the current page. */
export function App() {
  const [page, navigate] = useRoute();
  return (
    <div className="app">
      <ConnectionBanner />
      <AppHeader page={page} />
      <main className="app-main">{renderPage(page, navigate)}</main>
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
