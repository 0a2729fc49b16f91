// The console's only script: keeps the dashboard current by re-rendering its figures (the element
// "stats") every 2 s through Faces Ajax, with the hidden button poll:refresh as the request's source.
// No data is ever put into HTML here, and no inline script is needed (see ConsoleHeaders).
(function () {
    'use strict';
    var source = document.getElementById('poll:refresh');
    if (!source || !window.faces) {
        return;
    }
    window.setInterval(function () {
        if (!document.hidden) {
            window.faces.ajax.request(source, null, {execute: '@none', render: 'stats'});
        }
    }, 2000);
}());
