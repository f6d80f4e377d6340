const COMING_VIEWS = ['Runs', 'New run', 'Label', 'Train', 'Compare'] as const;

const CLI_EXAMPLES = [
  { command: 'npm run cli -- presets', purpose: 'list the built-in experiment presets' },
  { command: 'npm run cli -- run --preset xu-fixed-n', purpose: 'run one and store it' },
] as const;

export function App() {
  return (
    <main className="app">
      <header>
        <h1>Collapse Lab</h1>
        <p className="lead">
          A research workbench for simulating, filtering and comparing model collapse under recursive training.
        </p>
      </header>

      <section aria-labelledby="coming">
        <h2 id="coming">The desktop interface is on its way</h2>
        <ul className="views">
          {COMING_VIEWS.map((view) => (
            <li key={view}>{view}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="cli">
        <h2 id="cli">Until then, use the command line</h2>
        <p>The engine, the run store and the CLI work today. From the project folder:</p>
        <dl className="commands">
          {CLI_EXAMPLES.map(({ command, purpose }) => (
            <div key={command}>
              <dt>
                <code>{command}</code>
              </dt>
              <dd>{purpose}</dd>
            </div>
          ))}
        </dl>
      </section>
    </main>
  );
}
