import { PAGES, routeHref, type PageId } from './routes';

/** The five pages, as links on the URL fragment; the current one is marked for screen readers. */
export function NavBar({ current }: { current: PageId }) {
  return (
    <nav className="nav" aria-label="Pages">
      <ul>
        {PAGES.map((page) => (
          <li key={page.id}>
            <a href={routeHref(page.id)} aria-current={page.id === current ? 'page' : undefined} data-testid={`nav-${page.id}`}>
              {page.title}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
