// Loaded as a module from a file (the Content-Security-Policy allows no inline script).
// GOV.UK Frontend's components (Exit this page, error summary, radios) start only with this class on <body>.
document.body.classList.add('js-enabled', 'govuk-frontend-supported');
const govuk = document.querySelector('script[data-govuk]').dataset.govuk;
const { initAll } = await import(govuk + '/govuk-frontend.min.js');
initAll();
// For people and tests alike: the page's components (Exit this page's Shift shortcut among them) are now live.
document.body.dataset.dashboardReady = 'true';

// A session that ended while the page was open: htmx requests get 499 (OIDC's answer to a script) or 401. Reload,
// so the browser goes through the sign-in page instead of swapping it into a fragment.
document.body.addEventListener('htmx:responseError', (e) => {
  const status = e.detail.xhr ? e.detail.xhr.status : 0;
  if (status === 401 || status === 499) window.location.reload();
});

// Session timeout warning (GOV.UK's timeout warning pattern; ADR 0059). The page says how long a session lasts without
// a request (data-session-timeout, seconds; Keycloak's SSO idle timeout) and when to warn (data-session-warning). Every
// page of this browser shares the last activity through localStorage (a time only, nothing of her), so a page left
// open in another tab does not sign out someone still working. "Stay signed in" asks the server (which refreshes the
// tokens); at the end the header's sign-out form is sent, which ends the Keycloak session too.
const timeoutSeconds = Number(document.body.dataset.sessionTimeout || 0);
const dialog = document.getElementById('timeout-warning');
if (timeoutSeconds > 0 && dialog && typeof dialog.showModal === 'function') {
  const warnSeconds = Math.min(Number(document.body.dataset.sessionWarning || 120), timeoutSeconds);
  const KEY = 'pathways.lastActivity';
  const countdown = document.getElementById('timeout-countdown');
  const said = document.getElementById('timeout-said');
  const signOut = document.getElementById('sign-out-form');
  const touch = () => { try { localStorage.setItem(KEY, String(Date.now())); } catch (e) { /* private mode: this page only */ } };
  const last = () => { try { return Number(localStorage.getItem(KEY)) || 0; } catch (e) { return 0; } };
  let ownLast = Date.now();
  touch();
  const words = (s) => {
    if (s >= 60) { const m = Math.ceil(s / 60); return m === 1 ? '1 minute' : m + ' minutes'; }
    return s === 1 ? '1 second' : s + ' seconds';
  };
  let lastSaid = '';
  const tick = () => {
    const left = Math.round((Math.max(ownLast, last()) + timeoutSeconds * 1000 - Date.now()) / 1000);
    if (left <= 0) {
      dialog.close();
      if (signOut) signOut.submit(); else window.location.assign('/signed-out');
      return;
    }
    if (left <= warnSeconds) {
      if (!dialog.open) dialog.showModal();
      countdown.textContent = words(left);
      // Screen readers hear it when it first shows and then every 30 seconds or so, not every second.
      const spoken = left > 60 ? words(left) : words(Math.ceil(left / 30) * 30);
      if (spoken !== lastSaid) { said.textContent = 'You will be signed out in ' + spoken + '.'; lastSaid = spoken; }
    } else if (dialog.open) {
      dialog.close(); // activity in another tab
    }
    setTimeout(tick, 1000);
  };
  const stay = async () => {
    try {
      const r = await fetch('/session/keep-alive', { headers: { 'X-Requested-With': 'JavaScript' }, cache: 'no-store' });
      if (r.status === 401 || r.status === 499) { window.location.reload(); return; }
    } catch (e) { /* the next page load will tell */ }
    ownLast = Date.now();
    touch();
    lastSaid = '';
    if (dialog.open) dialog.close();
  };
  document.getElementById('timeout-stay').addEventListener('click', stay);
  dialog.addEventListener('cancel', (e) => { e.preventDefault(); stay(); }); // Escape: the same as "stay signed in"
  document.body.addEventListener('htmx:afterRequest', () => { ownLast = Date.now(); touch(); });
  setTimeout(tick, 1000);
}
