// Small progressive enhancement: on a profile page, append alerts as they arrive through the
// Server-Sent Events stream. The page works without it.
(function () {
  var list = document.getElementById("alerts");
  if (!list || !window.EventSource) return;
  var es = new EventSource("/api/v1/alerts/stream?profile=" + encodeURIComponent(list.dataset.profile));
  es.addEventListener("alert", function (ev) {
    var a;
    try { a = JSON.parse(ev.data); } catch (e) { return; }
    var li = document.createElement("li");
    var k = document.createElement("span");
    k.className = "kind";
    k.textContent = a.kind;
    li.appendChild(k);
    li.appendChild(document.createTextNode(" " + a.message));
    list.insertBefore(li, list.firstChild);
  });
})();
