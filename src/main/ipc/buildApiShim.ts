import { API_METHODS } from '../../shared/contract'

/**
 * Browser-mode `window.api`: the same shape the Electron preload exposes (one function per method plus `on`),
 * over fetch + EventSource. Generated from API_METHODS so it can never drift from the contract.
 */
export function buildApiShim(): string {
  return `(() => {
  const METHODS = ${JSON.stringify(API_METHODS)};
  const params = new URLSearchParams(location.search);
  const token = params.get('token') || sessionStorage.getItem('ai-anime-token') || '';
  if (token) sessionStorage.setItem('ai-anime-token', token);
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = 'Bearer ' + token;
  const api = {};
  for (const method of METHODS) {
    const [ns, fn] = method.split('.');
    (api[ns] = api[ns] || {})[fn] = (input) =>
      fetch('/api/' + method, { method: 'POST', headers, body: JSON.stringify(input || {}) })
        .then((response) => response.json())
        .catch((error) => ({ ok: false, error: { code: 'INTERNAL', message: 'The app server is not reachable (' + error.message + ').' } }));
  }
  const listeners = new Set();
  const source = new EventSource('/api/events' + (token ? '?token=' + encodeURIComponent(token) : ''));
  source.onmessage = (message) => {
    const { event, payload } = JSON.parse(message.data);
    for (const entry of listeners) if (entry.event === event) entry.listener(payload);
  };
  source.onopen = () => { window.__apiEventsReady = true; };
  api.on = (event, listener) => {
    const entry = { event, listener };
    listeners.add(entry);
    return () => listeners.delete(entry);
  };
  Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false });
})();
`
}
