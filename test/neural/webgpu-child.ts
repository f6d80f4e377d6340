/**
 * Run as a child process by webgpu.test.ts: trains a tiny FilterNet on the webgpu step and prints
 * one JSON line. With `release` it gives the GPU back first and reports what is left of it. The
 * test checks that the process then exits by itself, with status 0 (Node does not exit while
 * Dawn's GPU object holds work; this is the check that nothing does).
 */
import { releaseBackends, webgpuTrainingFixture } from './webgpu-fixture';

const { report, result, tensorsLeft } = await webgpuTrainingFixture('webgpu');
if (process.argv.includes('release')) releaseBackends();
const nav = (globalThis as { navigator?: { gpu?: unknown } }).navigator;
process.stdout.write(`${JSON.stringify({ backend: report.backend, epochs: result.history.length, tensorsLeft, gpuLeft: nav?.gpu !== undefined })}\n`);
