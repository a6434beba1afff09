/** Finds a locally installed browser; nothing here ever downloads one. */
import { existsSync } from 'node:fs';

const CANDIDATES = {
  chromium: {
    env: 'CHROME_PATH',
    paths: [
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/usr/bin/google-chrome',
      '/usr/bin/google-chrome-stable',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    ],
    install: 'Debian/Ubuntu: sudo apt-get install chromium; macOS: install Google Chrome; or set CHROME_PATH=/path/to/chrome',
  },
  firefox: {
    env: 'FIREFOX_PATH',
    paths: ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/Applications/Firefox.app/Contents/MacOS/firefox'],
    install: 'Debian: sudo apt-get install firefox-esr; or set FIREFOX_PATH=/path/to/firefox',
  },
};

export function findBrowser(name) {
  const { env, paths, install } = CANDIDATES[name];
  const found = [process.env[env], ...paths].find((path) => path && existsSync(path));
  if (!found) throw new Error(`No ${name} found. ${install}.`);
  return found;
}

/** Flags for a headless Chromium on a machine with no network but the registries. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--autoplay-policy=no-user-gesture-required',
];
