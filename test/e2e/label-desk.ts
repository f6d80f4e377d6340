/**
 * The Label page's driver for labeling.spec.ts: the steps a person takes (LabelDesk) and the
 * geometry that picks candidates on the chart (rings and lassos with a clear margin).
 */
import type { Locator, Page } from '@playwright/test';
import type { ArgsOf, Channel, ResultOf } from '../../preload/contract';
import { paddedRange, SCATTER_GRID } from '../../renderer/labeling/scatter-option';
import { expect } from './driver';

export interface Plane {
  x: number[];
  y: number[];
  range: { x: [number, number]; y: [number, number] };
}

/** The Label page's steps, as a person does them (style.md: tests through driver helpers). */
export class LabelDesk {
  constructor(readonly page: Page) {}

  get workspace(): Locator {
    return this.page.getByTestId('labeling-workspace');
  }

  /** Calls the services from inside the page, over its own authenticated socket (for expectations only). */
  async ask<C extends Channel>(channel: C, args: ArgsOf<C>): Promise<ResultOf<C>> {
    return this.page.evaluate(
      async ({ channel, args }) => {
        const token = new URLSearchParams(location.search).get('token') ?? '';
        const socket = new WebSocket(`ws://${location.host}/ws?token=${encodeURIComponent(token)}`);
        await new Promise((resolve, reject) => {
          socket.onopen = resolve;
          socket.onerror = reject;
        });
        socket.send(JSON.stringify({ id: 1, channel, args }));
        const frame = await new Promise<{ ok: boolean; result?: unknown; error?: { message: string } }>((resolve) => {
          socket.onmessage = (m) => {
            const f = JSON.parse(String(m.data));
            if (f.id === 1) resolve(f);
          };
        });
        socket.close();
        if (!frame.ok) throw new Error(frame.error?.message);
        return frame.result as never;
      },
      { channel, args: args as unknown },
    ) as Promise<ResultOf<C>>;
  }

  async createSet(fields: Readonly<Record<string, string>>): Promise<void> {
    const form = this.page.getByTestId('new-label-set');
    for (const [label, value] of Object.entries(fields)) {
      const field = form.getByLabel(label, { exact: true });
      if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
      else await field.fill(value);
    }
    await form.getByRole('button', { name: 'Create and start labelling' }).click();
    await expect(this.workspace).toBeVisible();
  }

  /** Opens a set from the list and waits for its candidates (keys pressed before they arrive do nothing). */
  async openSet(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Open ${name}` }).click();
    await expect(this.page.getByTestId('label-set-title')).toHaveText(name);
    await expect(this.page.getByTestId('candidate-scatter')).toBeVisible();
  }

  count(kind: 'good' | 'bad' | 'unlabelled' | 'selected'): Locator {
    return this.workspace.getByTestId(`count-${kind}`);
  }

  async expectCounts(expected: { good: number; bad: number; selected?: number }): Promise<void> {
    await expect(this.count('good')).toHaveText(String(expected.good));
    await expect(this.count('bad')).toHaveText(String(expected.bad));
    if (expected.selected !== undefined) await expect(this.count('selected')).toHaveText(String(expected.selected));
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  async tool(name: 'Click' | 'Box' | 'Lasso'): Promise<void> {
    await this.workspace.getByRole('button', { name, exact: true }).click();
    await expect(this.workspace.getByRole('button', { name, exact: true })).toHaveAttribute('aria-pressed', 'true');
    await this.toolReady(name);
  }

  /** Waits until the chart has taken the tool (the brush is set after React renders). */
  async toolReady(name: 'Click' | 'Box' | 'Lasso'): Promise<void> {
    await expect(this.page.getByTestId('candidate-scatter')).toHaveAttribute('data-brush', name.toLowerCase());
  }

  /** Data coordinates to page pixels, through the plot area the chart draws its axes over. */
  async projector(plane: Plane): Promise<(x: number, y: number) => [number, number]> {
    const box = (await this.page.getByTestId('candidate-scatter').locator('canvas').first().boundingBox())!;
    const [x0, x1] = paddedRange(plane.range.x);
    const [y0, y1] = paddedRange(plane.range.y);
    const left = box.x + SCATTER_GRID.left;
    const width = box.width - SCATTER_GRID.left - SCATTER_GRID.right;
    const top = box.y + SCATTER_GRID.top;
    const height = box.height - SCATTER_GRID.top - SCATTER_GRID.bottom;
    return (x, y) => [left + ((x - x0) / (x1 - x0)) * width, top + ((y1 - y) / (y1 - y0)) * height];
  }

  /** Drags the lasso through the polygon's vertices (page pixels) and back to the first. */
  async lasso(polygon: readonly [number, number][], modifiers: 'Shift'[] = []): Promise<void> {
    await this.toolReady('Lasso');
    for (const m of modifiers) await this.page.keyboard.down(m);
    await this.page.mouse.move(...polygon[0]);
    await this.page.mouse.down();
    for (const p of [...polygon.slice(1), polygon[0]]) await this.page.mouse.move(...p);
    await this.page.mouse.up();
    for (const m of modifiers) await this.page.keyboard.up(m);
  }

  /** Parks the pointer on an empty corner of the plot, so no tooltip covers the screenshot. */
  async restPointer(): Promise<void> {
    const canvas = (await this.page.getByTestId('candidate-scatter').locator('canvas').first().boundingBox())!;
    await this.page.mouse.move(canvas.x + SCATTER_GRID.left + 3, canvas.y + SCATTER_GRID.top + 3);
    // ECharts hides its tooltip 100 ms after the pointer leaves a point.
    await this.page.waitForTimeout(250);
  }

  /** Clicks candidates: the first plainly (a new selection), the others with Shift (added). */
  async clickAll(points: readonly [number, number][]): Promise<void> {
    await this.page.mouse.click(...points[0]);
    await this.page.keyboard.down('Shift');
    for (const p of points.slice(1)) await this.page.mouse.click(...p);
    await this.page.keyboard.up('Shift');
  }

  /** The plot area of the scatter, in page pixels. */
  async plotArea(): Promise<{ left: number; top: number; right: number; bottom: number }> {
    const box = (await this.page.getByTestId('candidate-scatter').locator('canvas').first().boundingBox())!;
    return { left: box.x + SCATTER_GRID.left, top: box.y + SCATTER_GRID.top, right: box.x + box.width - SCATTER_GRID.right, bottom: box.y + box.height - SCATTER_GRID.bottom };
  }

  async box(from: [number, number], to: [number, number]): Promise<void> {
    await this.page.mouse.move(...from);
    await this.page.mouse.down();
    await this.page.mouse.move(...to, { steps: 8 });
    await this.page.mouse.up();
  }
}

/** Points sorted by pixel distance from a centre, with a radius that parts the first `k` from the rest. */
export function ringAround(pixels: readonly [number, number][], centre: [number, number], k: number): { inside: number[]; radius: number; gap: number } {
  const order = pixels
    .map((p, i) => ({ i, d: Math.hypot(p[0] - centre[0], p[1] - centre[1]) }))
    .sort((a, b) => a.d - b.d);
  return { inside: order.slice(0, k).map((o) => o.i), radius: (order[k - 1].d + order[k].d) / 2, gap: order[k].d - order[k - 1].d };
}

/** The distance (px) from each point to its nearest other point. */
export function isolation(pixels: readonly [number, number][]): number[] {
  return pixels.map((p, i) => Math.min(...pixels.filter((_, j) => j !== i).map((q) => Math.hypot(p[0] - q[0], p[1] - q[1]))));
}

/**
 * A circle that holds exactly `k` candidates with a clear margin both ways: of centres on a grid
 * over the plot, the one whose kth and (k+1)th nearest candidates are furthest apart, keeping
 * the circle inside the plot.
 */
export function clearRing(
  pixels: readonly [number, number][],
  area: { left: number; top: number; right: number; bottom: number },
  k: number,
): { centre: [number, number]; inside: number[]; radius: number; gap: number } {
  let best: { centre: [number, number]; inside: number[]; radius: number; gap: number } | null = null;
  for (let fx = 0.2; fx <= 0.8; fx += 0.025) {
    for (let fy = 0.2; fy <= 0.8; fy += 0.025) {
      const centre: [number, number] = [area.left + fx * (area.right - area.left), area.top + fy * (area.bottom - area.top)];
      const ring = ringAround(pixels, centre, k);
      const fits = centre[0] - ring.radius > area.left + 2 && centre[0] + ring.radius < area.right - 2 && centre[1] - ring.radius > area.top + 2 && centre[1] + ring.radius < area.bottom - 2;
      if (fits && (!best || ring.gap > best.gap)) best = { centre, ...ring };
    }
  }
  return best!;
}

/** A lasso round a circle: 32 vertices keep the drawn polygon within 0.5% of the radius. */
export function circle(centre: [number, number], radius: number, vertices = 32): [number, number][] {
  return Array.from({ length: vertices }, (_, v) => {
    const a = (2 * Math.PI * v) / vertices;
    return [centre[0] + radius * Math.cos(a), centre[1] + radius * Math.sin(a)] as [number, number];
  });
}
