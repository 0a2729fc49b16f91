// The console's only script: keeps the dashboard current by re-rendering its figures every 2 s
// (refreshDashboard is the Faces h:commandScript on the page; Faces queues its requests one at a
// time). No data is ever put into HTML here.
(function () {
    'use strict';
    if (typeof window.refreshDashboard !== 'function') {
        return;
    }
    window.setInterval(function () {
        if (!document.hidden) {
            window.refreshDashboard();
        }
    }, 2000);
}());
