// The console's only script: keeps a page current by re-rendering parts of it every 2 s through
// Faces Ajax. Each hidden button with data-poll-render is a poll's source: data-poll-render names the
// elements to re-render, data-poll-execute what to process (@none: nothing), and data-poll-while an
// element whose absence ends the poll (the lab's "running" note).
// No data is ever put into HTML here, and no inline script is needed (see ConsoleHeaders).
(function () {
    'use strict';
    if (!window.faces) {
        return;
    }
    Array.prototype.forEach.call(document.querySelectorAll('[data-poll-render]'), function (source) {
        var whileId = source.getAttribute('data-poll-while');
        if (whileId && !document.getElementById(whileId)) {
            return;
        }
        var timer = window.setInterval(function () {
            if (whileId && !document.getElementById(whileId)) {
                window.clearInterval(timer);
                return;
            }
            if (!document.hidden) {
                window.faces.ajax.request(source, null, {
                    execute: source.getAttribute('data-poll-execute') || '@none',
                    render: source.getAttribute('data-poll-render')
                });
            }
        }, 2000);
    });
}());
