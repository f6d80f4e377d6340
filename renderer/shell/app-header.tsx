import { BackendBadge } from './backend-badge';
import { NavBar } from './nav-bar';
import type { PageId } from './routes';

/** The bar across the top: the app's name, the pages, and the backend badge. */
export function AppHeader({ page }: { page: PageId }) {
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Collapse Lab</span>
      </div>
      <NavBar current={page} />
      <BackendBadge />
    </header>
  );
}
