import { expect, screenshot, test } from './driver';
import { startServe } from './serve';

test('a stopped server shows the lost-connection banner', async ({ page }) => {
  // Its own server: this test stops it.
  const server = await startServe();
  try {
    await page.goto(server.url);
    await expect(page.getByTestId('runs-empty')).toBeVisible();
    await expect(page.getByTestId('connection-lost')).toHaveCount(0);
    await server.stop();
    await expect(page.getByTestId('connection-lost')).toContainText('Lost the connection');
    await screenshot(page, '08-connection-lost');
  } finally {
    await server.stop();
  }
});

test('a page without the session token cannot reach the services', async ({ page, pageProblems }) => {
  // The server refuses the wrong token, and Chromium logs each refused handshake itself.
  pageProblems.allow(/WebSocket connection to .*token=not-the-token.* 403/, 'the server refuses a wrong token with 403');
  const url = new URL(process.env.COLLAPSE_LAB_E2E_URL!);
  url.searchParams.set('token', 'not-the-token');
  await page.goto(url.href);
  await expect(page.getByTestId('connection-lost')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Could not load the runs' })).toContainText('cannot reach the Collapse Lab server');
});
