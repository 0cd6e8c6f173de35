import { API_METHODS } from '../../shared/contract'

/**
 * Browser-mode `window.api`: the same shape the Electron preload exposes (one function per method plus `on`),
 * over fetch + EventSource. Generated from API_METHODS so it can never drift from the contract.
 */
export function buildApiShim(): string {
  return `(() => {
  const METHODS = ${JSON.stringify(API_METHODS)};
  const params = new URLSearchParams(location.search);
  const urlToken = params.get('token');
  const pairingToken = params.get('pair');
  if (urlToken) sessionStorage.setItem('ai-anime-token', urlToken);
  // Secrets leave the address bar (and history, bookmarks, the home-screen icon) after the first load.
  if (urlToken || pairingToken) {
    params.delete('token');
    params.delete('pair');
    const query = params.toString();
    history.replaceState(history.state, '', location.pathname + (query ? '?' + query : '') + location.hash);
  }
  const DEVICE_KEY = 'ai-anime-device-token';
  let pairingError = null;
  // A phone that opened the QR code trades its one-time pairing token for a device token, kept across restarts.
  const ready = !pairingToken ? Promise.resolve() : fetch('/pair', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pairingToken })
    })
    .then((response) => response.json())
    .then((result) => {
      if (result.ok) localStorage.setItem(DEVICE_KEY, result.value.deviceToken);
      else pairingError = result.error;
    })
    .catch((error) => { pairingError = { code: 'INTERNAL', message: 'Pairing failed (' + error.message + ').' }; });
  const token = () => sessionStorage.getItem('ai-anime-token') || localStorage.getItem(DEVICE_KEY) || '';
  const headers = () => {
    const value = { 'content-type': 'application/json' };
    if (token()) value.authorization = 'Bearer ' + token();
    return value;
  };
  const api = {};
  for (const method of METHODS) {
    const [ns, fn] = method.split('.');
    (api[ns] = api[ns] || {})[fn] = (input) =>
      ready
        .then(() => fetch('/api/' + method, { method: 'POST', headers: headers(), body: JSON.stringify(input || {}) }))
        .then((response) => response.json())
        .then((result) => (!result.ok && pairingError && !token() ? { ok: false, error: pairingError } : result))
        .catch((error) => ({ ok: false, error: { code: 'INTERNAL', message: 'The app server is not reachable (' + error.message + ').' } }));
  }
  const listeners = new Set();
  ready.then(() => {
    const source = new EventSource('/api/events' + (token() ? '?token=' + encodeURIComponent(token()) : ''));
    source.onmessage = (message) => {
      const { event, payload } = JSON.parse(message.data);
      for (const entry of listeners) if (entry.event === event) entry.listener(payload);
    };
    source.onopen = () => { window.__apiEventsReady = true; };
  });
  api.on = (event, listener) => {
    const entry = { event, listener };
    listeners.add(entry);
    return () => listeners.delete(entry);
  };
  Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false });
})();
`
}
