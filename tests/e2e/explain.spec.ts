/**
 * The capture explainer page: a pcap chosen from disk, text pasted, a damaged file, the
 * replay link into the playground, the keyboard, both languages — and proof that the
 * capture never leaves the browser: no request to another origin, none but GET, and none
 * that carries the file.
 */
import { expect, test, type Page, type Request } from '@playwright/test';
import { simulate } from '../../src/model/index.ts';
import { tracePcap } from '../../src/render/pcap.ts';
import { loadScenarioFile } from '../../src/scenario/load.ts';
import { axeViolations, base, watchPage } from './support.ts';

async function modelPcap(id: string): Promise<Buffer> {
  const parsed = await loadScenarioFile(`exercises/scenarios/${id}.yaml`);
  if (!parsed.ok) throw new Error(`${id} does not parse`);
  return Buffer.from(tracePcap(simulate(parsed.scenario)));
}

/** Every request the page makes, to check what leaves it. */
function record(page: Page): Request[] {
  const requests: Request[] = [];
  page.on('request', (r) => requests.push(r));
  return requests;
}

test('a pcap chosen from disk is explained in the page, and nothing is uploaded', async ({ page, baseURL }) => {
  const origin = new URL(baseURL ?? '').origin;
  const problems = watchPage(page, origin);
  const requests = record(page);
  await page.goto(`${base}en/explain/`);
  await expect(page.getByText('Nothing is uploaded').first()).toBeVisible();
  const pcap = await modelPcap('close-unread-data');
  await page.getByLabel('Choose a capture file').setInputFiles({
    name: 'unread.pcap',
    mimeType: 'application/vnd.tcpdump.pcap',
    buffer: pcap,
  });
  await expect(page.getByRole('status')).toContainText(
    'unread.pcap — TCP connections: 1; RSTs explained: 1; FINs explained: 0.',
  );
  const conn = page.locator('details.ex-conn').first();
  await expect(conn).toHaveAttribute('open', '');
  await expect(conn.locator('.ex-end-rst')).toContainText('close-unread-data');
  await expect(conn.locator('.ex-end-rst')).toContainText('✓ confirmed');
  await expect(conn.locator('svg.sequence')).toBeVisible();
  await expect(conn.locator('svg.sequence .seg-rst')).toHaveCount(1);

  expect(problems.otherOrigins, 'requests to other origins').toEqual([]);
  expect(problems.consoleErrors, 'console errors').toEqual([]);
  expect(requests.filter((r) => r.method() !== 'GET').map((r) => `${r.method()} ${r.url()}`)).toEqual([]);
  const carriesFile = requests.filter((r) => (r.postDataBuffer()?.length ?? 0) > 0 || r.url().includes('unread'));
  expect(carriesFile.map((r) => r.url())).toEqual([]);

  await page.emulateMedia({ colorScheme: 'light' });
  expect.soft(await axeViolations(page), 'axe violations with a report shown').toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect.soft(await axeViolations(page, 'colour'), 'axe violations (dark)').toEqual([]);
});

test('"Replay in the playground" opens the scenario the explainer built', async ({ page }) => {
  await page.goto(`${base}en/explain/`);
  await page.getByLabel('Choose a capture file').setInputFiles({
    name: 'abort.pcap',
    mimeType: 'application/vnd.tcpdump.pcap',
    buffer: await modelPcap('rst-in-established'),
  });
  const reset = page.locator('.ex-end-rst').first();
  await expect(reset).toContainText('abort');
  const link = reset.getByRole('link', { name: 'Replay in the playground' });
  await expect(link).toHaveAttribute('href', new RegExp(`^${base}en/playground/#scenario=`));
  await link.click();
  const editor = page.getByRole('textbox', { name: 'Scenario (YAML)' });
  await expect(editor).toHaveValue(/Built by the TCP Reset Lab explainer from abort\.pcap/);
  await expect(editor).toHaveValue(/server: abort/);
  await expect(page.locator('.pg-ok')).toContainText('No mistakes');
});

test('pasted tcpdump text, by keyboard alone, in Chinese', async ({ page }) => {
  await page.goto(`${base}zh-cn/explain/`);
  await page.getByRole('textbox', { name: '或者粘贴 tcpdump -n 的输出' }).focus();
  await page.keyboard.insertText(
    [
      '1.000000 IP 10.0.0.1.40000 > 10.0.0.2.5000: Flags [S], seq 100, win 1000, length 0',
      '1.000100 IP 10.0.0.2.5000 > 10.0.0.1.40000: Flags [R.], seq 0, ack 101, win 0, length 0',
    ].join('\n'),
  );
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: '解释这段文本' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('TCP 连接：1 个');
  const reset = page.locator('.ex-end-rst').first();
  await expect(reset).toContainText('no-listener');
  await expect(reset).toContainText('SYN 到达了一个没有任何进程监听的端口');
  await expect(reset.getByRole('link', { name: '在实验场中重放' })).toHaveAttribute('href', /\/zh-cn\/playground\/#/);
});

test('a damaged capture gets a message naming the file and the packet', async ({ page }) => {
  await page.goto(`${base}en/explain/`);
  const pcap = await modelPcap('close-unread-data');
  pcap.writeUInt32LE(0x7fffffff, 24 + 8);
  await page
    .getByLabel('Choose a capture file')
    .setInputFiles({ name: 'broken.pcap', mimeType: 'application/octet-stream', buffer: pcap });
  await expect(page.getByRole('status')).toContainText(
    'This capture cannot be read: broken.pcap: packet 1: record length',
  );
  await expect(page.locator('details.ex-conn')).toHaveCount(0);
});

test('the example loads and every connection’s diagram is drawn when its section opens', async ({ page }) => {
  await page.goto(`${base}en/explain/`);
  await page.getByRole('button', { name: 'Load an example' }).click();
  await expect(page.locator('.ex-end-rst')).toHaveCount(2);
  await expect(page.locator('.ex-end-rst').first()).toContainText('keepalive-expired');
  await expect(page.locator('svg.sequence')).toHaveCount(1);
});
