// Idle time-out warning (WCAG 2.2.1): a minute before the session ends, offer to extend it.
// Without JavaScript the console still works; the session simply ends and the next page asks to log in again.
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="madoguchi-session"]');
  var dialog = document.getElementById('session-timeout');
  if (!meta || !dialog || typeof dialog.showModal !== 'function') return;
  var idleMs = Number(meta.getAttribute('data-idle-seconds')) * 1000;
  var warnMs = Math.max(idleMs - 60 * 1000, idleMs / 2);
  var csrf = meta.getAttribute('data-csrf') || '';
  var remaining = dialog.querySelector('[data-remaining]');
  var warnTimer, endTimer, tick;

  function schedule() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    clearInterval(tick);
    var deadline = Date.now() + idleMs;
    warnTimer = setTimeout(function () {
      if (!dialog.open) dialog.showModal();
      tick = setInterval(function () {
        var s = Math.max(0, Math.round((deadline - Date.now()) / 1000));
        if (remaining) remaining.textContent = String(s);
      }, 1000);
    }, warnMs);
    endTimer = setTimeout(function () {
      window.location.assign('/console/login');
    }, idleMs);
  }

  dialog.querySelector('[data-extend]').addEventListener('click', function () {
    fetch('/console/session/extend', { method: 'POST', headers: { 'x-csrf-token': csrf }, credentials: 'same-origin' })
      .then(function (res) {
        if (!res.ok) throw new Error(String(res.status));
        dialog.close();
        schedule();
      })
      .catch(function () {
        window.location.assign('/console/login');
      });
  });
  schedule();
})();
