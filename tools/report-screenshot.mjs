// Opens an evaluation report (evaluate --report) in headless Chromium, checks that every image in it loaded,
// and saves a screenshot of the top of the page.
//
//   node tools/report-screenshot.mjs <report.html> <screenshot.png> [height]
//
// Needs Debian's chromium (apt-get install chromium) and playwright-core (npm ci; pinned in package-lock.json).
// The page must load nothing from the network: every request other than the report itself fails the check.
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const [report, screenshot, height = '2200'] = process.argv.slice(2);
if (!report || !screenshot) {
  console.error('usage: node tools/report-screenshot.mjs <report.html> <screenshot.png> [height]');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: Number(height) } });
  const outside = [];
  page.on('request', request => {
    if (!request.url().startsWith('file:') && !request.url().startsWith('data:')) outside.push(request.url());
  });
  await page.goto(pathToFileURL(path.resolve(report)).href, { waitUntil: 'load' });

  const images = await page.evaluate(() => Array.from(document.images).map(image => ({
    alt: image.alt, loaded: image.complete && image.naturalWidth > 0, width: image.naturalWidth, height: image.naturalHeight,
  })));
  const broken = images.filter(image => !image.loaded);
  console.log(`${images.length} images, ${images.length - broken.length} loaded; ${outside.length} requests outside the file`);
  for (const image of broken) console.log(`not loaded: ${image.alt}`);
  for (const url of outside) console.log(`outside request: ${url}`);

  await page.screenshot({ path: screenshot });
  console.log(`screenshot: ${path.resolve(screenshot)}`);
  if (images.length === 0 || broken.length > 0 || outside.length > 0) process.exitCode = 1;
} finally {
  await browser.close();
}
