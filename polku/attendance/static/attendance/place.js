/* Attendance by keyboard: the place's week grid (arrows move, a letter per status, Enter saves
   the week), my place today (a key per client row) and a group session's attendance (Tab
   moves, the same letters as the week grid). The letters come from the page's legend
   (data-grid-key, one definition: polku/attendance/keys.py). Without this file the pages are
   plain forms that work the same. */
(function () {
  "use strict";

  var FOCUS_KEY = "polku-grid-focus";

  function announce(region, text) {
    if (!region) return;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function setUpGrid(table) {
    var form = table.closest("form");
    var status = document.getElementById("grid-status");
    var matrix = Array.prototype.map.call(table.tBodies[0].rows, function (tr) {
      return Array.prototype.slice.call(tr.cells, 1).map(function (td) {
        return td.querySelector("select[data-cell]");
      });
    });
    var all = [];
    matrix.forEach(function (row) { row.forEach(function (s) { if (s) all.push(s); }); });
    if (!all.length) return;
    var keys = {};
    document.querySelectorAll("[data-grid-key]").forEach(function (item) {
      keys[item.getAttribute("data-grid-key").toLowerCase()] = item.getAttribute("data-code");
    });

    function shown(select) { return form.elements["w-" + select.name.slice(2)].value; }
    function mark(select) {
      var td = select.closest("td");
      td.classList.toggle("cell--changed", select.value !== shown(select));
      var full = td.querySelector(".cell__full");
      var option = select.options[select.selectedIndex];
      if (full) full.textContent = option && select.value.indexOf("absent") === 0 ? option.textContent : "";
      var count = all.filter(function (s) { return s.value !== shown(s); }).length;
      status.textContent = count ? table.getAttribute("data-text-unsaved") + " " + count : "";
    }
    all.forEach(function (s) { s.tabIndex = -1; });
    var active = null;
    var saved = window.sessionStorage.getItem(FOCUS_KEY);
    window.sessionStorage.removeItem(FOCUS_KEY);
    var restored = saved ? document.getElementById(saved) : null;
    function activate(select, focus) {
      if (active) active.tabIndex = -1;
      active = select;
      active.tabIndex = 0;
      if (focus) active.focus();
    }
    var todays = all.filter(function (s) { return s.closest("td").classList.contains("is-today"); });
    activate(restored && all.indexOf(restored) >= 0 ? restored : todays[0] || all[0], !!restored);
    all.forEach(mark);

    function where(select) {
      for (var r = 0; r < matrix.length; r++) {
        var c = matrix[r].indexOf(select);
        if (c >= 0) return [r, c];
      }
      return null;
    }
    function move(select, dr, dc) {
      var at = where(select);
      if (!at) return;
      var r = at[0] + dr, c = at[1] + dc;
      while (r >= 0 && r < matrix.length && c >= 0 && c < matrix[r].length) {
        if (matrix[r][c]) { activate(matrix[r][c], true); return; }
        r += dr; c += dc;
      }
    }
    function choose(select, code, notReported) {
      var value = code;
      if (code !== "present") {
        value = code + (select.hasAttribute("data-future") ? ":in_advance" : notReported ? ":not_reported" : ":on_the_day");
      }
      var possible = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
      if (!possible) { announce(status, table.getAttribute("data-text-not-possible")); return; }
      select.value = value;
      mark(select);
    }

    table.addEventListener("keydown", function (event) {
      var select = event.target.closest ? event.target.closest("select[data-cell]") : null;
      if (!select || event.altKey || event.ctrlKey || event.metaKey) return;
      var handled = true;
      switch (event.key) {
        case "ArrowLeft": move(select, 0, -1); break;
        case "ArrowRight": move(select, 0, 1); break;
        case "ArrowUp": move(select, -1, 0); break;
        case "ArrowDown": move(select, 1, 0); break;
        case "Enter":
          window.sessionStorage.setItem(FOCUS_KEY, select.id);
          if (form.requestSubmit) form.requestSubmit(); else form.submit();
          break;
        case "Delete": case "Backspace":
          select.value = shown(select);
          mark(select);
          break;
        default:
          var code = keys[(event.key || "").toLowerCase()];
          if (code) choose(select, code, event.shiftKey); else handled = false;
      }
      if (handled) event.preventDefault();
    });
    table.addEventListener("change", function (event) {
      if (event.target.matches("select[data-cell]")) mark(event.target);
    });
    table.addEventListener("focusin", function (event) {
      if (event.target.matches("select[data-cell]") && event.target !== active) activate(event.target, false);
    });
    form.addEventListener("submit", function () {
      if (active && !window.sessionStorage.getItem(FOCUS_KEY)) window.sessionStorage.setItem(FOCUS_KEY, active.id);
    });
  }

  function setUpToday(list) {
    var present = (list.getAttribute("data-key-present") || "").toLowerCase();
    var absent = (list.getAttribute("data-key-absent") || "").toLowerCase();
    var lastRow = null;
    list.addEventListener("keydown", function (event) {
      var tag = event.target.tagName;
      if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") return;
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      var row = event.target.closest("[data-day-row]");
      if (!row) return;
      var key = (event.key || "").toLowerCase();
      var details = row.querySelector("details");
      if (key === present) {
        event.preventDefault();
        row.querySelector("button[data-key=present]").click();
      } else if (key === absent) {
        event.preventDefault();
        if (details) details.open = true;
        row.querySelector("select[name$=reason]").focus();
      }
    });
    document.body.addEventListener("htmx:beforeRequest", function (event) {
      var row = event.target.closest ? event.target.closest("[data-day-row]") : null;
      lastRow = row ? row.id : null;
    });
    document.body.addEventListener("htmx:afterSettle", function () {
      if (!lastRow) return;
      var row = document.getElementById(lastRow);
      lastRow = null;
      if (!row) return;
      var error = row.querySelector(".field__error");
      if (error) {
        var field = row.querySelector("[aria-invalid=true]") || row.querySelector(".day-row__name");
        field.focus();
        return;
      }
      var next = row.nextElementSibling;
      (next ? next.querySelector(".day-row__name") : row.querySelector(".day-row__name")).focus();
    });
  }

  function setUpMarks(table) {
    var keys = {};
    document.querySelectorAll("[data-grid-key]").forEach(function (item) {
      keys[item.getAttribute("data-grid-key").toLowerCase()] = item.getAttribute("data-code");
    });
    var future = table.hasAttribute("data-future");
    table.addEventListener("keydown", function (event) {
      var select = event.target;
      if (!select.matches || !select.matches("select[data-status]")) return;
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      var code = keys[(event.key || "").toLowerCase()];
      if (!code) return;
      event.preventDefault();
      var possible = Array.prototype.some.call(select.options, function (o) { return o.value === code; });
      if (!possible) return;
      select.value = code;
      if (code !== "present") {
        var notice = select.form.elements["n-" + select.name.slice(2)];
        if (notice) notice.value = event.shiftKey ? "not_reported" : future ? "in_advance" : "on_the_day";
      }
      select.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  var grid = document.querySelector("[data-grid]");
  if (grid) setUpGrid(grid);
  var today = document.querySelector("[data-today]");
  if (today) setUpToday(today);
  var marks = document.querySelector("[data-marks]");
  if (marks) setUpMarks(marks);
}());
