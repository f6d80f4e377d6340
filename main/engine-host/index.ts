/** The engine host: runs engine work off the caller's path and picks the tfjs backend. */
export { loadTf, sharedTf, backendLabel, explainLoadFailure, type BackendReport, type BackendAttempt, type BackendName, type LoadedTf, type Importer } from './tf-backend';
