// The flags of the headless Chromium that runs the browser tests (stencil.config.ts, scripts/test.mjs).
module.exports = [
  '--no-sandbox', '--disable-setuid-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
  // newE2EPage({ html }) serves the page through request interception, which Chromium treats as a
  // public origin; its Local Network Access checks then block the websocket to the test Prosody on
  // 127.0.0.1 (net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS).
  '--disable-features=LocalNetworkAccessChecks',
  // Voice messages really record: a fake microphone (a beeping tone) that needs no permission prompt,
  // and playback that may start without a gesture the test cannot make count.
  '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required',
];
