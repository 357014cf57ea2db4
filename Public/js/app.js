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

// A survey question shown only for some answers to an earlier question on the same page
// (data-show-when="variable:1,2") is hidden until that answer is given. Without the
// script it stays visible, and the server ignores an answer whose condition is not met.
(function () {
  var dependents = document.querySelectorAll("[data-show-when]");
  if (!dependents.length) return;
  function update() {
    dependents.forEach(function (el) {
      var parts = el.getAttribute("data-show-when").split(":");
      var wanted = parts[1].split(",");
      var inputs = document.querySelectorAll("input[name='" + parts[0] + "']");
      if (!inputs.length) return;  // the condition was answered on an earlier page
      var chosen = Array.prototype.some.call(inputs, function (i) { return i.checked && wanted.indexOf(i.value) >= 0; });
      el.hidden = !chosen;
    });
  }
  document.addEventListener("change", update);
  update();
})();

// A "print" button (data-print) opens the browser's print dialog; the page's print styles
// leave out navigation, forms and downloads.
(function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();

// The header's menus (<details class="menu">) open and close without this; with it, an
// open menu closes on a click elsewhere, on Escape (focus back on its summary), and when
// another menu opens, as menus elsewhere do.
(function () {
  var menus = document.querySelectorAll("details.menu");
  if (!menus.length) return;
  function closeAll(except) {
    menus.forEach(function (menu) { if (menu !== except) menu.open = false; });
  }
  menus.forEach(function (menu) {
    menu.addEventListener("toggle", function () { if (menu.open) closeAll(menu); });
  });
  document.addEventListener("click", function (event) {
    menus.forEach(function (menu) { if (menu.open && !menu.contains(event.target)) menu.open = false; });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    menus.forEach(function (menu) {
      if (!menu.open) return;
      menu.open = false;
      menu.querySelector("summary").focus();
    });
  });
})();

// Printing opens what a page folds for the screen (details.print-open: a survey report's
// tables, answers in words and groups) and folds it again afterwards (issue 18).
(function () {
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.print-open:not([open])").forEach(function (details) {
      details.open = true;
      opened.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });
})();
