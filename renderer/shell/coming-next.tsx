import type { ReactNode } from 'react';

/** What a page not built yet will do, and how to do it today from the command line. */
export function ComingNext({ children, cli }: { children: ReactNode; cli: readonly { command: string; purpose: string }[] }) {
  return (
    <div className="coming-next" data-testid="coming-next">
      <p className="coming-next-label">Coming next</p>
      <div className="coming-next-body">{children}</div>
      <p>Today, from a terminal in the project folder:</p>
      <dl className="commands">
        {cli.map(({ command, purpose }) => (
          <div key={command}>
            <dt>
              <code>{command}</code>
            </dt>
            <dd>{purpose}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
