// Progressive enhancement only: every page works without this file.

// A case session's step timer counts down each second. The server renders the time left
// when the page loads; this keeps it current. Labels come from the page, so they are in
// the reader's language.
(function () {
  var timer = document.querySelector("[data-ends-at]");
  if (!timer) return;
  var endsAt = Number(timer.getAttribute("data-ends-at"));
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var seconds = Math.floor((endsAt - Date.now()) / 1000);
    var over = seconds < 0;
    var s = Math.abs(seconds);
    var clock = Math.floor(s / 60) + ":" + pad(s % 60);
    timer.textContent = timer.getAttribute(over ? "data-over" : "data-left").replace("{time}", clock);
    timer.classList.toggle("over", over);
  }
  tick();
  setInterval(tick, 1000);
})();
