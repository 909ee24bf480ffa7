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
