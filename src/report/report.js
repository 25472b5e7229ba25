// stanceline report: tooltips on the charts' marks (hover and keyboard focus), and a click or
// Enter on a mark scrolls to the evidence rows behind it and highlights them. Tooltips are
// built from the page's own tables with textContent: no annotation text becomes markup here.
// A dense report's closed sections hold their evidence rows as JSON (see src/report/data.rs):
// they become rows, stretch by stretch, when the section is opened (the first ones, then
// those scrolled near), when a mark or a link leads to them, and all when the page is
// printed; until then tooltips read the JSON.
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

  // A closed section's rows, parsed once: the JSON, each observation's place in its rows,
  // each place's stretch and side, and each stretch's first place.
  var parsed = new WeakMap();

  function dataOf(sec) {
    var script = sec.querySelector("script.evidence-data");
    if (!script) return null;
    var x = parsed.get(sec);
    if (!x) {
      var d = JSON.parse(script.textContent);
      var bodies = Array.from(stretches(sec));
      x = {
        d: d, script: script, bodies: bodies, place: new Map(), at: [], start: [],
        done: new Uint8Array(bodies.length), left: bodies.length, seen: null,
      };
      var n = 0;
      d.b.forEach(function (b, k) {
        x.start.push(n);
        b[0].forEach(function (count, side) {
          for (var i = 0; i < count; i++, n++) {
            x.place.set("o" + d.r[n][0], n);
            x.at.push([k, side]);
          }
        });
      });
      parsed.set(sec, x);
    }
    return x;
  }

  function stretches(sec) {
    return sec.querySelectorAll("table.evidence > tbody[data-segment]");
  }

  function articleTitle(id) {
    var art = document.getElementById(id);
    if (!art) return "";
    var link = art.cells[0].querySelector("a");
    return link ? link.textContent : art.cells[0].firstChild.textContent;
  }

  // One row, as page.rs writes it.
  function row(v, t) {
    var tr = el("tr");
    tr.setAttribute("data-obs", "o" + v[0]);
    tr.appendChild(el("td", null, v[1]));
    var q = el("td");
    q.appendChild(v[2] == null ? el("span", "muted", "no quote") : el("q", null, v[2]));
    if (v[9]) {
      var miss = el("div", "miss", "Not found in the source text.");
      if (typeof v[9] === "string") {
        miss.appendChild(document.createTextNode(" Closest passage: "));
        miss.appendChild(el("q", null, v[9]));
      }
      q.appendChild(miss);
    }
    if (v[7]) q.appendChild(el("div", "cond", "Conditions: " + v[7]));
    if (v[8]) q.appendChild(el("div", "note", "Note: " + v[8]));
    tr.appendChild(q);
    tr.appendChild(el("td", null, t[v[3]]));
    tr.appendChild(el("td", null, t[v[4]]));
    tr.appendChild(el("td", null, t[v[5]]));
    var td = el("td");
    var a = el("a", null, articleTitle("a" + v[6]));
    a.setAttribute("href", "#a" + v[6]);
    td.appendChild(a);
    tr.appendChild(td);
    return tr;
  }

  // One stretch's rows, made once, under its header and its sides' headers. When every
  // stretch has its rows, the data goes and the section reads as one written as HTML.
  function fillStretch(sec, x, k) {
    if (k < 0 || x.done[k]) return;
    x.done[k] = 1;
    x.left--;
    var d = x.d, b = d.b[k], body = x.bodies[k], n = x.start[k];
    var sides = body.querySelectorAll(":scope > tr.side");
    b[0].forEach(function (count, side) {
      var rows = document.createDocumentFragment();
      for (var i = 0; i < count; i++) rows.appendChild(row(d.r[n++], d.t));
      body.insertBefore(rows, sides[side + 1] || null);
    });
    var also = [];
    for (var i = 0; i < b[1].length; i += 2) {
      for (var p = b[1][i]; p < b[1][i] + b[1][i + 1]; p++) also.push("o" + d.r[p][0]);
    }
    if (also.length) body.setAttribute("data-also", also.join(" "));
    if (x.seen) x.seen.unobserve(body);
    if (!x.left) {
      if (x.seen) x.seen.disconnect();
      x.script.remove();
      parsed.delete(sec);
    }
  }

  // A section opened: its first stretches' rows, and the others' as they come near the
  // viewport (a party of a dense report can have tens of thousands of rows: laid out at
  // once, they would hold the page for seconds).
  var FIRST = 200;
  function start(sec) {
    var x = dataOf(sec);
    if (!x || x.seen) return;
    for (var k = 0, n = 0; k < x.bodies.length && n < FIRST; k++) {
      n += x.done[k] ? 0 : x.d.b[k][0].reduce(function (s, c) { return s + c; }, 0);
      fillStretch(sec, x, k);
    }
    if (!x.left) return;
    var index = new Map();
    x.bodies.forEach(function (body, k) { index.set(body, k); });
    x.seen = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (e.isIntersecting && parsed.has(sec)) fillStretch(sec, x, index.get(e.target));
      });
    }, { rootMargin: "600px 0px" });
    x.bodies.forEach(function (body, k) { if (!x.done[k]) x.seen.observe(body); });
  }

  // The stretches that hold a mark's rows (a segment's own and those listed earlier, or a
  // marker's), made before the page scrolls to them.
  function need(sec, mark) {
    var x = dataOf(sec);
    if (!x) return;
    var places = evidenceOf(mark);
    if (places && places.body) fillStretch(sec, x, x.bodies.indexOf(places.body));
    (places ? places.items : []).forEach(function (p) {
      if (parsed.has(sec)) fillStretch(sec, x, x.at[p][0]);
    });
    if (parsed.has(sec)) start(sec);
  }

  function render(sec) {
    var x = dataOf(sec);
    for (var k = 0; x && k < x.bodies.length; k++) fillStretch(sec, x, k);
  }

  function renderAll() {
    document.querySelectorAll("section.party").forEach(render);
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

  // A piece of evidence for a tooltip, from its row...
  function fromRow(row) {
    var c = row.cells, q = c[1].querySelector(":scope > q"), ref = c[5].querySelector("a");
    return {
      id: row.getAttribute("data-obs"), held: c[0].textContent, quote: q ? q.textContent : null,
      speaker: c[2].textContent, basis: c[3].textContent, confidence: c[4].textContent,
      article: ref ? ref.getAttribute("href").slice(1) : null, stance: stanceOf(row),
    };
  }

  // ... or from a closed section's JSON.
  function fromData(x, p) {
    var v = x.d.r[p], t = x.d.t, at = x.at[p];
    var body = x.bodies[at[0]];
    var head = body.querySelectorAll(":scope > tr.side")[at[1]] || body.querySelector("tr.seg");
    var st = head.querySelector(".st");
    return {
      id: "o" + v[0], held: v[1], quote: v[2], speaker: t[v[3]], basis: t[v[4]],
      confidence: t[v[5]], article: "a" + v[6], stance: st ? st.textContent : "",
    };
  }

  // The evidence behind a mark for its tooltip: the segment's block (or null for a marker),
  // its rows or, in a closed section, their places in the JSON, and how to read one.
  function evidenceOf(mark) {
    var sec = section(mark);
    var x = sec && dataOf(sec);
    if (!x) {
      var found = rowsOf(mark);
      return found && { body: found.body, items: found.rows, make: fromRow };
    }
    var places = [], body = null;
    if (mark.hasAttribute("data-segment")) {
      body = sec.querySelector('tbody[data-segment="' + mark.getAttribute("data-segment") + '"]');
      if (!body) return null;
      var k = x.bodies.indexOf(body), b = x.d.b[k];
      var own = b[0].reduce(function (s, n) { return s + n; }, 0);
      for (var p = x.start[k]; p < x.start[k] + own; p++) places.push(p);
      for (var i = 0; i < b[1].length; i += 2) {
        for (p = b[1][i]; p < b[1][i] + b[1][i + 1]; p++) places.push(p);
      }
    } else {
      mark.getAttribute("data-evidence").split(" ").forEach(function (id) {
        if (x.place.has(id)) places.push(x.place.get(id));
      });
      if (!places.length) return null;
    }
    return { body: body, items: places, make: function (p) { return fromData(x, p); } };
  }

  // One piece of evidence: the quote, who and on what basis, the article with its link.
  function evidence(e, head) {
    var box = el("div", "t-ev");
    if (head) box.appendChild(el("div", "t-head", head));
    if (e.quote != null) box.appendChild(el("div", "t-q", "\u201C" + e.quote + "\u201D"));
    var who = [];
    if (e.speaker) who.push(e.speaker);
    who.push(e.basis, e.confidence + " confidence", "held " + e.held);
    box.appendChild(el("div", "t-who", who.join(" \u00B7 ")));
    var art = e.article && document.getElementById(e.article);
    if (art) {
      var line = el("div", "t-art");
      var link = art.cells[0].querySelector("a");
      var title = articleTitle(e.article);
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
    var found = evidenceOf(mark);
    if (!found) {
      tip.appendChild(el("div", "t-plain", titles.get(mark) || mark.getAttribute("aria-label")));
      tip.firstChild.style.whiteSpace = "pre-line";
      return;
    }
    var items = found.items;
    if (found.body) {
      var th = found.body.querySelector("tr.seg th");
      var st = th.querySelector(".st").textContent;
      tip.appendChild(el("div", "t-head", party + ": " + st));
      tip.appendChild(el("div", "t-when", th.textContent.slice(st.length).replace(/^, /, "")));
    } else {
      var seen = new Set();
      items = items.filter(function (i) {
        return seen.has(i) ? false : (seen.add(i), true);
      });
    }
    items.slice(0, MOST).forEach(function (i) {
      var e = found.make(i);
      tip.appendChild(evidence(e, found.body ? null : party + ": " + e.stance));
    });
    if (items.length > MOST) {
      tip.appendChild(el("div", "t-more", "and " + (items.length - MOST) + " more: click to see them all"));
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
    var sec = target.closest("section.party");
    var x = sec && dataOf(sec);
    if (x) {
      var k = x.bodies.indexOf(target.closest("tbody"));
      if (k >= 0) fillStretch(sec, x, k);
      if (parsed.has(sec)) start(sec);
    }
    var d = target.closest("details");
    if (d) d.open = true;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  }

  // A mark's evidence: scrolled to, highlighted, focused.
  function go(mark) {
    var sec = section(mark);
    if (sec) need(sec, mark);
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

  // A section opened by its summary, or by the browser (find in page, a link's target).
  document.addEventListener("toggle", function (e) {
    var d = e.target;
    var sec = d.open && d.closest && d.closest("section.party");
    if (sec) start(sec);
  }, true);

  // A link from outside (report.html#p0-s3) into a closed section: its rows, then the target.
  function toHash() {
    var t = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (t && t.closest("section.party") && (t.tagName === "TBODY" || t.tagName === "TR")) {
      highlight([t]);
      reveal(t);
    }
  }
  window.addEventListener("hashchange", toHash);
  toHash();

  // Printing shows every section open, with its rows: made before the print (beforeprint),
  // or when the print media applies (browsers that print without that event, and emulation).
  var closed = [];
  window.addEventListener("beforeprint", function () {
    renderAll();
    closed = Array.from(document.querySelectorAll("details:not([open])"));
    closed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (d) { d.open = false; });
    closed = [];
  });
  var print = window.matchMedia("print");
  var onPrint = function (e) { if (e.matches) renderAll(); };
  if (print.addEventListener) print.addEventListener("change", onPrint);
  else print.addListener(onPrint);
})();
