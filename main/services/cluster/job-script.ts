import type { Manifest } from './work-folder';
import { WorkFolder } from './work-folder';

/** A word for bash, in single quotes (a quote inside becomes '\''). */
export function shellQuote(word: string): string {
  return `'${word.replaceAll("'", "'\\''")}'`;
}

/** Exit statuses after which a task stops before its next point: a signal asked it to stop. */
const STOP_STATUSES = [129, 130, 143];

/**
 * The job script of a cluster sweep: `sbatch --array` runs it once per task with
 * SLURM_ARRAY_TASK_ID set, and `--on local` runs the same file with the same variable, so the
 * two targets share one code path. Its only argument is the attempt.
 *
 * Each point is the ordinary CLI, `run --config points/pI.json --db shards/task-K.attempt-A.sqlite
 * --json`, so a task writes only its own SQLite shard (never several writers on one file over a
 * network filesystem) and exits with the usual codes: the task's status is the highest of its
 * points'. Node and the repository are recorded as absolute paths, which the compute node must
 * see (docs/cluster.md). On SIGTERM (scancel, a time limit) the running point stores its run
 * interrupted, the script records 143 and stops; a SIGKILL leaves no exit file, which the
 * collector reports as a task that died.
 */
export function jobScript(manifest: Manifest, folder: WorkFolder): string {
  const s = manifest.settings;
  const headers = [
    `--job-name=collapse-${manifest.sweepId}`,
    ...(s.partition !== undefined ? [`--partition=${s.partition}`] : []),
    ...(s.time !== undefined ? [`--time=${s.time}`] : []),
    `--cpus-per-task=${s.cpus}`,
    ...(s.mem !== undefined ? [`--mem=${s.mem}`] : []),
  ];
  const q = shellQuote;
  return `#!/bin/bash
# Collapse Lab sweep ${manifest.sweepId}: one array task per chunk of grid points (docs/cluster.md).
# Written by \`sweep --on ${manifest.on}\`; run by sbatch, or by \`--on local\` as a process, with
# SLURM_ARRAY_TASK_ID set and the attempt as the only argument.
${headers.map((h) => `#SBATCH ${h}`).join('\n')}
set -u
${s.setup.join('\n')}
NODE=${q(manifest.node)}
REPO=${q(manifest.repo)}
DIR=${q(folder.dir)}
TASK="\${SLURM_ARRAY_TASK_ID:?the job script runs as an array task}"
ATTEMPT="\${1:?give the attempt}"
SHARD="$DIR/shards/task-$TASK.attempt-$ATTEMPT.sqlite"
EXIT_FILE="$DIR/status/task-$TASK.attempt-$ATTEMPT.exit"
status=0
trap 'echo "$status" > "$EXIT_FILE.tmp" && mv "$EXIT_FILE.tmp" "$EXIT_FILE"' EXIT
# The running point (in the foreground: bash waits for it before the trap) gets the same
# signal from Slurm, or from \`--on local\`, and stores its run interrupted first.
trap 'status=143; exit 143' TERM
trap 'status=129; exit 129' HUP
cd "$REPO" || { status=2; exit 2; }
echo "task $TASK attempt $ATTEMPT on $(hostname): points $(tr '\\n' ' ' < "$DIR/attempts/$ATTEMPT/task-$TASK.points")" >&2
# The points file is the loop's stdin; the runs read none.
while read -r P; do
  [ -n "$P" ] || continue
  RESULT="$DIR/results/p$P.attempt-$ATTEMPT.json"
  "$NODE" "$REPO/build/dev-run.mjs" main/cli/index.ts run --config "$DIR/points/p$P.json" --db "$SHARD" --threads ${s.cpus} --json < /dev/null > "$RESULT.tmp"
  code=$?
  mv "$RESULT.tmp" "$RESULT"
  if [ "$code" -ne 0 ]; then echo "point $P: run exited $code" >&2; fi
  if [ "$code" -gt "$status" ]; then status=$code; fi
  case " ${STOP_STATUSES.join(' ')} " in *" $code "*) break ;; esac
done < "$DIR/attempts/$ATTEMPT/task-$TASK.points"
exit "$status"
`;
}
