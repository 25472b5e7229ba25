// stanceline report: tooltips on the charts' marks (hover and keyboard focus), and a click or
// Enter on a mark scrolls to the evidence rows behind it and highlights them. Tooltips are
// built from the page's own tables with textContent: no annotation text becomes markup here.
(function () {
  "use strict";
  var tip = document.getElementById("tip");
  var MARK = "svg g[data-segment], svg g[data-evidence]";
  var titles = new WeakMap();
  var shownFor = null;
  var hideTimer = 0;
  var lit = [];

  // The browser would show each mark's <title> beside our tooltip: keep its text (for marks
  // whose rows are not on the page) and take it out; the mark keeps its aria-label.
  document.querySelectorAll(MARK).forEach(function (m) {
    var t = m.querySelector(":scope > title");
    if (t) {
      titles.set(m, t.textContent);
      t.remove();
    }
  });

  function markOf(node) {
    return node && node.closest ? node.closest(MARK) : null;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function section(mark) {
    var id = mark.getAttribute("data-party") || "";
    return document.querySelector('section.party[data-party="' + CSS.escape(id) + '"]');
  }

  // The evidence behind a mark: a segment's block of rows, or a marker's rows.
  function rowsOf(mark) {
    var sec = section(mark);
    if (!sec) return null;
    var rows = [];
    if (mark.hasAttribute("data-segment")) {
      var body = sec.querySelector('tbody[data-segment="' + mark.getAttribute("data-segment") + '"]');
      if (!body) return null;
      // Its own rows, then those listed under an earlier stretch.
      rows = Array.from(body.querySelectorAll("tr[data-obs]"));
      (body.getAttribute("data-also") || "").split(" ").forEach(function (id) {
        var r = id && sec.querySelector('tr[data-obs="' + CSS.escape(id) + '"]');
        if (r) rows.push(r);
      });
      return { body: body, rows: rows };
    }
    mark.getAttribute("data-evidence").split(" ").forEach(function (id) {
      sec.querySelectorAll('tr[data-obs="' + CSS.escape(id) + '"]').forEach(function (r) {
        rows.push(r);
      });
    });
    return rows.length ? { body: null, rows: rows } : null;
  }

  // The stance a row is evidence for: its side's header in a conflict, else its block's.
  function stanceOf(row) {
    for (var r = row.previousElementSibling; r; r = r.previousElementSibling) {
      if (r.classList.contains("side") || r.classList.contains("seg")) {
        var s = r.querySelector(".st");
        return s ? s.textContent : "";
      }
    }
    return "";
  }

  // One piece of evidence: the quote, who and on what basis, the article with its link.
  function evidence(row, head) {
    var box = el("div", "t-ev");
    var c = row.cells;
    if (head) box.appendChild(el("div", "t-head", head));
    var q = c[1].querySelector(":scope > q");
    if (q) box.appendChild(el("div", "t-q", "\u201C" + q.textContent + "\u201D"));
    var who = [];
    if (c[2].textContent) who.push(c[2].textContent);
    who.push(c[3].textContent, c[4].textContent + " confidence", "held " + c[0].textContent);
    box.appendChild(el("div", "t-who", who.join(" \u00B7 ")));
    var ref = c[5].querySelector("a");
    var art = ref && document.getElementById(ref.getAttribute("href").slice(1));
    if (art) {
      var line = el("div", "t-art");
      var link = art.cells[0].querySelector("a");
      var title = link ? link.textContent : art.cells[0].firstChild.textContent;
      if (link) {
        var a = el("a", null, title);
        a.href = link.href;
        a.target = "_blank";
        a.rel = "noopener";
        line.appendChild(a);
      } else {
        line.appendChild(document.createTextNode(title));
      }
      line.appendChild(document.createTextNode(", " + art.cells[1].textContent + ", " + art.cells[3].textContent));
      box.appendChild(line);
    }
    return box;
  }

  var MOST = 3;

  function fill(mark) {
    tip.textContent = "";
    var sec = section(mark);
    var party = sec ? sec.querySelector("h3").textContent : "";
    var found = rowsOf(mark);
    if (!found) {
      tip.appendChild(el("div", "t-plain", titles.get(mark) || mark.getAttribute("aria-label")));
      tip.firstChild.style.whiteSpace = "pre-line";
      return;
    }
    var rows = found.rows;
    if (found.body) {
      var th = found.body.querySelector("tr.seg th");
      var st = th.querySelector(".st").textContent;
      tip.appendChild(el("div", "t-head", party + ": " + st));
      tip.appendChild(el("div", "t-when", th.textContent.slice(st.length).replace(/^, /, "")));
    } else {
      var seen = {};
      rows = rows.filter(function (r) {
        var id = r.getAttribute("data-obs");
        return seen[id] ? false : (seen[id] = true);
      });
    }
    rows.slice(0, MOST).forEach(function (r) {
      tip.appendChild(evidence(r, found.body ? null : party + ": " + stanceOf(r)));
    });
    if (rows.length > MOST) {
      tip.appendChild(el("div", "t-more", "and " + (rows.length - MOST) + " more: click to see them all"));
    }
  }

  function place(mark, x, y) {
    tip.hidden = false;
    var b = mark.getBoundingClientRect();
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var view = document.documentElement.clientWidth;
    var cx = x == null ? b.left + b.width / 2 : x;
    var left = Math.max(8, Math.min(cx - w / 2, view - w - 8));
    var top = (y == null ? b.bottom : Math.max(y, b.top)) + 12;
    if (top + h > window.innerHeight && b.top - h - 12 > 0) top = b.top - h - 12;
    tip.style.left = left + window.scrollX + "px";
    tip.style.top = top + window.scrollY + "px";
  }

  function show(mark, x, y) {
    clearTimeout(hideTimer);
    if (shownFor !== mark) {
      if (shownFor) shownFor.removeAttribute("aria-describedby");
      fill(mark);
      shownFor = mark;
      mark.setAttribute("aria-describedby", "tip");
      place(mark, x, y);
    }
  }

  function hide() {
    clearTimeout(hideTimer);
    if (shownFor) shownFor.removeAttribute("aria-describedby");
    shownFor = null;
    tip.hidden = true;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 300);
  }

  function highlight(nodes) {
    lit.forEach(function (n) { n.classList.remove("hl"); });
    lit = nodes;
    lit.forEach(function (n) { n.classList.add("hl"); });
  }

  function reveal(target) {
    var d = target.closest("details");
    if (d) d.open = true;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  }

  // A mark's evidence: scrolled to, highlighted, focused.
  function go(mark) {
    var found = rowsOf(mark);
    if (!found) return;
    highlight(found.body ? [found.body].concat(found.rows.filter(function (r) {
      return r.parentNode !== found.body;
    })) : found.rows);
    hide();
    reveal(found.body || found.rows[0]);
  }

  document.addEventListener("mouseover", function (e) {
    var m = markOf(e.target);
    if (m) show(m, e.clientX, e.clientY);
    else if (shownFor && !tip.contains(e.target) && document.activeElement !== shownFor) hideSoon();
  });
  tip.addEventListener("mouseover", function () { clearTimeout(hideTimer); });
  document.addEventListener("focusin", function (e) {
    var m = markOf(e.target);
    if (m) show(m);
    else if (!tip.contains(e.target)) hide();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") hide();
    var m = markOf(e.target);
    if (m && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      go(m);
    }
  });
  document.addEventListener("click", function (e) {
    var m = markOf(e.target);
    if (m) {
      // A modified click on a marker's link opens the article, as a link does.
      if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return;
      e.preventDefault();
      go(m);
      return;
    }
    var a = e.target.closest && e.target.closest('a[href^="#"]');
    var t = a && document.getElementById(a.getAttribute("href").slice(1));
    if (t && (t.tagName === "TBODY" || t.tagName === "TR")) {
      e.preventDefault();
      highlight([t]);
      reveal(t);
    }
  });

  // Closed sections print open.
  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = Array.from(document.querySelectorAll("details:not([open])"));
    closed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (d) { d.open = false; });
    closed = [];
  });
})();
