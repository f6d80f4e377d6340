import { Component, Suspense, type ReactNode } from 'react';
import { ErrorNotice } from './error-notice';

interface Props {
  /** The page's title, for the messages. */
  title: string;
  children: ReactNode;
}

/**
 * Where a page loads (pages are separate chunks, app.tsx): "Loading…" until its code has
 * arrived, and a plain notice with a reload button if it cannot arrive (the server stopped, or
 * the app was rebuilt under an open page) instead of an empty window. Keyed by page in app.tsx,
 * so moving to another page starts afresh.
 */
export class PageBoundary extends Component<Props, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error };
  }

  override render(): ReactNode {
    const { title, children } = this.props;
    if (this.state.error !== null) {
      return (
        <section className="page" aria-label={title}>
          <ErrorNotice error={this.state.error} context={`Could not load the ${title} page`} />
          <button type="button" onClick={() => window.location.reload()}>
            Reload
          </button>
        </section>
      );
    }
    return (
      <Suspense
        fallback={
          <p className="loading page-loading" data-testid="page-loading">
            Loading {title}…
          </p>
        }
      >
        {children}
      </Suspense>
    );
  }
}
