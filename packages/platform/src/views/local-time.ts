/**
 * Issue 13, item 5: a retry time is rendered as `<time datetime>` with UTC words, which every browser shows;
 * this small script, the only one the hosted pages load, rewrites those words into the person's own time
 * zone and language (Intl). Without it (scripts off, an old browser) the UTC words stay, still true.
 */
export const LOCAL_TIME_SCRIPT_PATH = '/assets/local-time.js';

export const LOCAL_TIME_SCRIPT = `'use strict';
(function () {
  var format;
  try {
    format = new Intl.DateTimeFormat(undefined, {
      year: 'numeric', month: 'short', day: 'numeric',
      hour: 'numeric', minute: '2-digit', second: '2-digit', timeZoneName: 'short'
    });
  } catch (e) {
    return;
  }
  // Only instants (a date alone has no time zone to convert): the retry times of layout.ts's errors.
  var times = document.querySelectorAll('time[datetime*="T"]');
  for (var i = 0; i < times.length; i++) {
    var at = new Date(times[i].getAttribute('datetime'));
    if (isNaN(at.getTime())) continue;
    times[i].setAttribute('title', times[i].textContent);
    times[i].textContent = format.format(at);
  }
})();
`;
