import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { normalizeBase } from './src/integrations/base-links.ts';

/** The Debian/Ubuntu Chromium where there is one; Playwright's own browser elsewhere. */
function chromiumPath(): string | undefined {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv) return fromEnv;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

const executablePath = chromiumPath();
const isRoot = process.getuid?.() === 0;
/** E2E_PORT lets several checkouts run their end-to-end tests side by side. */
const port = Number(process.env['E2E_PORT'] ?? 4329);
/** The base path dist/ was built for: run with the same BASE_PATH as `npm run build`. */
const base = normalizeBase(process.env['BASE_PATH']);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  forbidOnly: Boolean(process.env['CI']),
  retries: 0,
  // Generous: a shared 2-core CI machine can be slow; speed is measured by benchmarks, not here.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 2,
  reporter: process.env['CI'] ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          ...(executablePath === undefined ? {} : { executablePath }),
          args: [
            ...(isRoot ? ['--no-sandbox'] : []),
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            // This machine refuses outside connections: keep Chromium from trying.
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    // Serves the built dist/ (run `npm run build` first), under BASE_PATH if it was set.
    command: `npm run preview -- --port ${port} --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}${base}`,
    reuseExistingServer: !process.env['CI'],
    timeout: 60_000,
  },
});
