// Staff pages: a circuit the server no longer holds is "rejected" (its node was stopped or restarted behind the
// load balancer, or it outlived its retention). Load the page again: nginx sends it to a node that is up, a new
// circuit starts there, and what was confirmed shows again from the database; only unsaved input on the page is
// lost. The modal's "Tải lại trang" link does the same by hand if this script did not run.
document.getElementById("components-reconnect-modal")?.addEventListener("components-reconnect-state-changed", event => {
    if (event.detail?.state === "rejected") location.reload();
});
