import type { Locator, Page } from '@playwright/test';
import type { ArgsOf, Channel, ResultOf } from '../../preload/contract';
import { LABEL_ACTIONS } from '../../renderer/labeling/actions';
import { cohensKappa } from '../../renderer/labeling/kappa';
import { paddedRange, SCATTER_GRID } from '../../renderer/labeling/scatter-option';
import { expect, screenshot, test, Workbench } from './driver';

// One server and store for the suite: the tests build on the label set the first one makes.
test.describe.configure({ mode: 'serial' });

const SET_NAME = 'e2e lasso labels';
const LABELLER = 'Ada Lovelace';

interface Plane {
  x: number[];
  y: number[];
  range: { x: [number, number]; y: [number, number] };
}

/** The Label page's steps, as a person does them (style.md: tests through driver helpers). */
class LabelDesk {
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
function ringAround(pixels: readonly [number, number][], centre: [number, number], k: number): { inside: number[]; radius: number; gap: number } {
  const order = pixels
    .map((p, i) => ({ i, d: Math.hypot(p[0] - centre[0], p[1] - centre[1]) }))
    .sort((a, b) => a.d - b.d);
  return { inside: order.slice(0, k).map((o) => o.i), radius: (order[k - 1].d + order[k].d) / 2, gap: order[k].d - order[k - 1].d };
}

/** The distance (px) from each point to its nearest other point. */
function isolation(pixels: readonly [number, number][]): number[] {
  return pixels.map((p, i) => Math.min(...pixels.filter((_, j) => j !== i).map((q) => Math.hypot(p[0] - q[0], p[1] - q[1]))));
}

/**
 * A circle that holds exactly `k` candidates with a clear margin both ways: of centres on a grid
 * over the plot, the one whose kth and (k+1)th nearest candidates are furthest apart, keeping
 * the circle inside the plot.
 */
function clearRing(
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
function circle(centre: [number, number], radius: number, vertices = 32): [number, number][] {
  return Array.from({ length: vertices }, (_, v) => {
    const a = (2 * Math.PI * v) / vertices;
    return [centre[0] + radius * Math.cos(a), centre[1] + radius * Math.sin(a)] as [number, number];
  });
}

test('label 30 candidates by lasso, box and keys; undo one; reload and see them; compare with the machine rule', async ({ page }) => {
  const app = new Workbench(page);
  const desk = new LabelDesk(page);
  await app.open('label');
  await expect(page.getByTestId('label-sets-empty')).toContainText('No label sets yet');
  await screenshot(page, '20-labeling-empty');

  await desk.createSet({
    Name: SET_NAME,
    Labeller: LABELLER,
    Family: 'gaussian',
    'Dimension d': '2',
    'Label generations K': '3',
    'Candidates per generation': '100',
  });
  await expect(page.getByTestId('label-set-title')).toHaveText(SET_NAME);
  await expect(page.getByTestId('labeler')).toHaveText(LABELLER);
  await expect(page.getByTestId('generation-position')).toHaveText('1 of 3');
  await desk.expectCounts({ good: 0, bad: 0, selected: 0 });
  await expect(desk.workspace.getByTestId('progress-generation')).toHaveText('0 / 100');

  // Where the candidates of generation 1 are, from the services (for the expectations only).
  const setId = /#\/label\/([^/]+)/.exec(page.url())![1];
  const group = await desk.ask('labels:candidates', { labelSetId: setId, generation: 1 });
  const toPixel = await desk.projector(group.view);
  const pixels = group.view.x.map((x, i) => toPixel(x, group.view.y[i]));

  // A lasso around the 20 candidates nearest the estimate: a circle between the 20th and 21st.
  const centre = toPixel(...group.view.estimate);
  const ring = ringAround(pixels, centre, 20);
  expect(ring.gap, 'a clear gap (px) between the 20th and 21st nearest candidate').toBeGreaterThan(2);
  await desk.lasso(circle(centre, ring.radius));
  await desk.expectCounts({ good: 0, bad: 0, selected: 20 });
  await desk.press('g');
  // A mark clears the selection (issue 13): the next one starts afresh.
  await desk.expectCounts({ good: 20, bad: 0, selected: 0 });
  await desk.restPointer();
  await screenshot(page, '21-labeling-lasso-good');

  // A box over the 10 candidates furthest right (none of them in the lasso), marked bad.
  const byX = pixels.map((p, i) => ({ i, px: p[0] })).sort((a, b) => b.px - a.px);
  const edge = (byX[9].px + byX[10].px) / 2;
  expect(byX.slice(0, 10).some((p) => ring.inside.includes(p.i))).toBe(false);
  await desk.tool('Box');
  const canvas = (await page.getByTestId('candidate-scatter').locator('canvas').first().boundingBox())!;
  await desk.box([edge, canvas.y + SCATTER_GRID.top + 2], [canvas.x + canvas.width - SCATTER_GRID.right - 2, canvas.y + canvas.height - SCATTER_GRID.bottom - 2]);
  await desk.expectCounts({ good: 20, bad: 0, selected: 10 });
  await desk.press('b');
  await desk.expectCounts({ good: 20, bad: 10, selected: 0 });
  await expect(desk.workspace.getByTestId('progress-generation')).toHaveText('30 / 100');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');

  // A slip: one good candidate clicked (clicks work with every tool) and marked bad; Z puts it back.
  await page.mouse.click(...pixels[ring.inside[0]]);
  await desk.expectCounts({ good: 20, bad: 10, selected: 1 });
  await desk.press('b');
  await desk.expectCounts({ good: 19, bad: 11 });
  await expect(page.getByTestId('operation-message')).toContainText('Marked 1 candidate bad: 1 relabelled from good.');
  await desk.press('z');
  await desk.expectCounts({ good: 20, bad: 10 });
  await desk.restPointer();
  await expect(page.getByTestId('operation-message')).toContainText('Undid: 1 candidate marked bad in generation 1');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await screenshot(page, '22-labeling-box-bad-undo');

  // Everything is in the store: a reload comes back to the set with the same labels.
  await page.reload();
  await expect(page.getByTestId('label-set-title')).toHaveText(SET_NAME);
  await desk.expectCounts({ good: 20, bad: 10, selected: 0 });
  await expect(desk.workspace.getByTestId('progress-set')).toHaveText('30 / 300');

  // The machine rule's suggestion, and Cohen's kappa over the 30 both labelled.
  const suggestion = await desk.ask('labels:suggest', { labelSetId: setId, generation: 1 });
  const stored = await desk.ask('labels:candidates', { labelSetId: setId, generation: 1 });
  const expected = cohensKappa(stored.labels, suggestion.labels);
  expect(expected.n).toBe(30);
  // The workspace takes the keyboard when it opens.
  await expect(page.getByTestId('keys-hint')).toContainText('Keys on');
  await desk.press('s');
  const kappa = page.getByTestId('kappa');
  await expect(kappa).toHaveAttribute('data-n', '30');
  await expect(kappa).toContainText('n = 30');
  if (expected.kappa !== null) await expect(kappa).toContainText(`κ = ${Number(expected.kappa.toFixed(3))}`);
  await screenshot(page, '23-labeling-suggestion-kappa');

  // Generations by arrow key; the help lists every action.
  await desk.press('ArrowRight');
  await expect(page.getByTestId('generation-position')).toHaveText('2 of 3');
  await desk.expectCounts({ good: 0, bad: 0 });
  await desk.press('?');
  const help = page.getByRole('dialog', { name: 'Labelling shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.locator('[data-action]')).toHaveCount(LABEL_ACTIONS.length);
  await screenshot(page, '24-labeling-help');
  await desk.press('Escape');
  await expect(help).toBeHidden();
});

test('keys act only while the labelling area has the focus; the truth stays hidden until asked', async ({ page }) => {
  const app = new Workbench(page);
  const desk = new LabelDesk(page);
  await app.open('label');
  await desk.openSet(SET_NAME);
  await expect(page.getByTestId('keys-hint')).toContainText('Keys on');
  await desk.press('a');
  await desk.expectCounts({ good: 20, bad: 10, selected: 100 });
  await expect(desk.workspace.getByRole('list', { name: 'Legend' })).not.toContainText('Truth');

  // Focus elsewhere on the page: the keys do nothing.
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Runs' }).focus();
  await expect(page.getByTestId('keys-hint')).toContainText('Keys off');
  await desk.press('u');
  await desk.expectCounts({ good: 20, bad: 10, selected: 100 });

  await page.getByTestId('keys-hint').click();
  await expect(page.getByTestId('keys-hint')).toContainText('Keys on');
  await desk.press('Escape');
  await desk.press('t');
  await expect(desk.workspace.getByRole('button', { name: 'Show truth' })).toHaveAttribute('aria-pressed', 'true');
  await expect(desk.workspace.getByRole('list', { name: 'Legend' })).toContainText('Truth θ*');
  await desk.expectCounts({ good: 20, bad: 10, selected: 0 });
  await screenshot(page, '25-labeling-truth-shown');
});

test('issue 13: lasso 39, G, click 5 outliers, B gives 39 good and 5 bad; a relabel says so, Undo restores; the address keeps set and generation', async ({ page }) => {
  const app = new Workbench(page);
  const desk = new LabelDesk(page);
  await app.open('label');
  await desk.openSet(SET_NAME);
  const setId = /#\/label\/([^/]+)/.exec(page.url())![1];

  // Generation 3, untouched so far; the address says so, and a reload comes back to it.
  await desk.press('ArrowRight');
  await desk.press('ArrowRight');
  await expect(page.getByTestId('generation-position')).toHaveText('3 of 3');
  await expect(page).toHaveURL(new RegExp(`#/label/${setId}/3$`));
  await page.reload();
  await expect(page.getByTestId('label-set-title')).toHaveText(SET_NAME);
  await expect(page.getByTestId('generation-position')).toHaveText('3 of 3');
  await expect(page.getByTestId('candidate-scatter')).toHaveAttribute('data-generation', '3');
  await desk.expectCounts({ good: 0, bad: 0, selected: 0 });

  const group = await desk.ask('labels:candidates', { labelSetId: setId, generation: 3 });
  const toPixel = await desk.projector(group.view);
  const pixels = group.view.x.map((x, i) => toPixel(x, group.view.y[i]));
  const ring = clearRing(pixels, await desk.plotArea(), 39);
  expect(ring.gap, 'a clear gap (px) between the 39th and 40th nearest candidate').toBeGreaterThan(2);
  const alone = isolation(pixels);
  // Five outliers: the candidates furthest from the lasso, each clear of its neighbours.
  const outliers = pixels
    .map((p, i) => ({ i, d: Math.hypot(p[0] - ring.centre[0], p[1] - ring.centre[1]) }))
    .filter((o) => !ring.inside.includes(o.i) && alone[o.i] > 4)
    .sort((a, b) => b.d - a.d)
    .slice(0, 5)
    .map((o) => o.i);
  expect(outliers).toHaveLength(5);

  await desk.lasso(circle(ring.centre, ring.radius));
  await desk.expectCounts({ good: 0, bad: 0, selected: 39 });
  await desk.press('g');
  await desk.expectCounts({ good: 39, bad: 0, selected: 0 });
  await desk.clickAll(outliers.map((i) => pixels[i]));
  await desk.expectCounts({ good: 39, bad: 0, selected: 5 });
  await desk.press('b');
  await desk.expectCounts({ good: 39, bad: 5, selected: 0 });
  await expect(page.getByTestId('operation-message')).toHaveText('Marked 5 candidates bad. Z undoes it.');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  const stored = await desk.ask('labels:candidates', { labelSetId: setId, generation: 3 });
  expect(stored.labels.filter((l) => l === 1)).toHaveLength(39);
  expect(ring.inside.every((i) => stored.labels[i] === 1)).toBe(true);
  expect(outliers.every((i) => stored.labels[i] === 0)).toBe(true);

  // Five of the good ones clicked and marked bad: the notice says they were relabelled, in the
  // warning colour, with Undo in it.
  const five = ring.inside.filter((i) => alone[i] > 4).slice(0, 5);
  expect(five).toHaveLength(5);
  await desk.clickAll(five.map((i) => pixels[i]));
  await desk.expectCounts({ good: 39, bad: 5, selected: 5 });
  await desk.press('b');
  await desk.expectCounts({ good: 34, bad: 10, selected: 0 });
  const notice = page.getByTestId('operation-message');
  await expect(notice).toContainText('Marked 5 candidates bad: 5 relabelled from good.');
  await expect(notice).toHaveAttribute('data-warn', 'true');
  await desk.restPointer();
  await screenshot(page, '27-labeling-relabel-notice');
  await notice.getByRole('button', { name: 'Undo' }).click();
  await desk.expectCounts({ good: 39, bad: 5, selected: 0 });
  await expect(notice).toContainText('Undid: 5 candidates marked bad in generation 3.');
  await expect(notice.getByRole('button', { name: 'Undo' })).toHaveCount(0);
  // The keys are still on after the button.
  await expect(page.getByTestId('keys-hint')).toContainText('Keys on');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');

  // The address is shareable: another tab opened at it shows the same set, generation and labels.
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expect(other.getByTestId('label-set-title')).toHaveText(SET_NAME);
  await expect(other.getByTestId('generation-position')).toHaveText('3 of 3');
  await expect(other.getByTestId('labeling-workspace').getByTestId('count-good')).toHaveText('39');
  await expect(other.getByTestId('labeling-workspace').getByTestId('count-bad')).toHaveText('5');
  await other.close();
});

test('a machine-labelled set opens read-only', async ({ page }) => {
  const app = new Workbench(page);
  const desk = new LabelDesk(page);
  await app.open('label');
  await desk.ask('labels:create', {
    request: { preset: 'filter-constant-n', overrides: ['filter.labels.generations=2', 'filter.labels.candidates=60'] },
    kind: 'machine',
    name: 'e2e machine labels',
  });
  await desk.openSet('e2e machine labels');
  await expect(desk.workspace).toContainText('read-only');
  await expect(desk.count('good')).toHaveText('42');
  await desk.press('a');
  await expect(desk.count('selected')).toHaveText('60');
  await expect(desk.workspace.getByRole('button', { name: 'Bad', exact: true })).toBeDisabled();
  await desk.press('b');
  await expect(desk.count('good')).toHaveText('42');
  await page.getByRole('button', { name: '← All label sets' }).click();
  await expect(page.getByTestId('label-sets')).toContainText(SET_NAME);
  await screenshot(page, '26-labeling-sets');
});
