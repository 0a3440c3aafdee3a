// Puppeteer's install script would download a Chrome of its own, which this project never uses (the
// tests drive Debian's Chromium, /usr/bin/chromium) and which machines without internet access
// cannot fetch: `npm install` failed on it. See docs/decisions/0014-packages.md.
module.exports = { skipDownload: true };
