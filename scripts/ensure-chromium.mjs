// Makes sure Debian's Chromium is installed for the browser tests, installing it with apt-get
// when this runs as root. Browser builds downloaded by test tools are never used.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = '/usr/bin/chromium';

if (!existsSync(CHROMIUM_PATH)) {
  if (process.getuid?.() !== 0) {
    console.error(
      `Chromium is missing at ${CHROMIUM_PATH} and installing it needs root. ` +
        'Run "sudo apt-get install -y chromium", then run the tests again.',
    );
    process.exit(1);
  }
  console.log('Installing Debian Chromium for the browser tests (apt-get, about a minute)...');
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
    const result = spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status !== 0) {
      console.error(`"apt-get ${args.join(' ')}" failed, so the browser tests cannot run.`);
      process.exit(1);
    }
  }
}
