/* banmian copyfit (超版/欠版), measured where the page is laid out: in the browser.
 * For every placement of every .sheet: how many lines and characters of its text do not fit
 * its rectangle (overset), or how much room is left (under). The text flows in the
 * rectangle's columns (column-fill: auto); what does not fit runs into columns beyond the
 * right edge, so the first character outside the box is found by binary search over the
 * text, and the lines past it are counted from their boxes. A block with a line or more of
 * room per text column is underset (欠版, white on the sheet: the rule of
 * src/broadsheet/underset.ts undersetOf, kept in step); each result carries its 版's grid
 * so the holes (modules no block covers) can be found from the results.
 * Used by the CLI (headless Chromium, src/broadsheet/copyfit.ts) and the admin 预览, where
 * the page has the class proof-marks and overset blocks are marked.
 * Plain browser JavaScript, no dependencies: it runs in a file:// page and a blob: page alike. */
(function () {
  'use strict';

  function textIndex(body) {
    var walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    var chars = []; // [node, offset] of every visible (non-space) character, in order
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var t = node.data;
      for (var i = 0; i < t.length; i++) if (!/\s/.test(t[i])) chars.push([node, i]);
    }
    return chars;
  }

  function charRect(c) {
    var range = document.createRange();
    range.setStart(c[0], c[1]);
    range.setEnd(c[0], c[1] + 1);
    var rects = range.getClientRects();
    return rects.length ? rects[0] : range.getBoundingClientRect();
  }

  function measureBody(body) {
    var cs = getComputedStyle(body);
    var box = body.getBoundingClientRect();
    var scale = body.offsetWidth ? box.width / body.offsetWidth : 1; // the A3 proof scales sheets
    var columns = parseInt(cs.columnCount, 10) || 1;
    var gap = (parseFloat(cs.columnGap) || 0) * scale;
    var line = parseFloat(cs.lineHeight) * scale;
    var em = parseFloat(cs.fontSize) * scale;
    var colWidth = (box.width - (columns - 1) * gap) / columns;
    var pitch = colWidth + gap;
    var perColumn = Math.floor(box.height / line + 0.01);
    var capacity = Math.max(0, columns * perColumn);
    var cpl = Math.floor(colWidth / em + 0.01);
    var chars = textIndex(body);
    var outside = function (k) {
      var r = charRect(chars[k]);
      return r.left >= box.right - 0.5 || r.bottom > box.bottom + 0.5 || r.top < box.top - 0.5;
    };
    var result = { capacityLines: capacity, textLines: 0, overLines: 0, overChars: 0, charsPerLine: cpl, chars: chars.length, columns: columns, method: 'measured' };
    if (!chars.length) {
      result.overLines = -capacity;
      result.overChars = -capacity * cpl;
      return result;
    }
    if (!outside(chars.length - 1)) {
      // Fits: count the room left after the last character, in its column and the columns after it.
      var last = charRect(chars[chars.length - 1]);
      var col = Math.min(columns - 1, Math.max(0, Math.floor((last.left - box.left + 0.5) / pitch)));
      var below = Math.max(0, Math.floor((box.bottom - last.bottom) / line + 0.01));
      var free = below + (columns - 1 - col) * perColumn;
      var colRight = box.left + col * pitch + colWidth;
      var restOfLine = Math.max(0, Math.floor((colRight - last.right) / em + 0.01));
      result.overLines = -free;
      result.overChars = -(free * cpl + restOfLine);
      result.textLines = capacity - free;
      return result;
    }
    var lo = 0;
    var hi = chars.length - 1; // the first character outside lies in [lo, hi]
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (outside(mid)) hi = mid;
      else lo = mid + 1;
    }
    var range = document.createRange();
    range.setStart(chars[lo][0], chars[lo][1]);
    var end = chars[chars.length - 1];
    range.setEnd(end[0], end[1] + 1);
    var lines = {};
    var rects = range.getClientRects();
    for (var i = 0; i < rects.length; i++) {
      var r = rects[i];
      if (r.width < 0.5 || r.height < 0.5) continue;
      var key = Math.floor((r.left - box.left + 0.5) / pitch) + ':' + Math.round((r.top - box.top) / line);
      lines[key] = true;
    }
    result.overLines = Object.keys(lines).length;
    result.overChars = chars.length - lo;
    result.textLines = capacity + result.overLines;
    return result;
  }

  // underset.ts undersetOf: room of at least a line per text column, as lines and whole modules.
  function undersetOf(fit, columns, linesPerModule) {
    var lines = -fit.overLines;
    if (fit.overLines > 0 || fit.overChars > 0 || lines < Math.max(1, columns)) return null;
    return { lines: lines, modules: linesPerModule > 0 ? Math.floor(lines / linesPerModule + 1e-6) : 0 };
  }

  function measure() {
    var out = [];
    var sheets = document.querySelectorAll('.sheet');
    for (var s = 0; s < sheets.length; s++) {
      var sheet = sheets[s];
      var grid = (sheet.getAttribute('data-grid') || '').split(',').filter(Boolean).map(Number);
      var linesPerModule = Number(sheet.getAttribute('data-module-lines')) || 0;
      var placements = sheet.querySelectorAll('.placement');
      for (var p = 0; p < placements.length; p++) {
        var pl = placements[p];
        var body = pl.querySelector('.body');
        var headline = pl.querySelector('.headline');
        // A head taller than its rectangle leaves the body no height: all its text is overset.
        var fit = body ? measureBody(body) : { capacityLines: 0, textLines: 0, overLines: 0, overChars: 0, charsPerLine: 0, chars: 0, method: 'measured' };
        fit.page = Number(sheet.getAttribute('data-page'));
        fit.order = Number(pl.getAttribute('data-order'));
        fit.rect = (pl.getAttribute('data-rect') || '').split(',').map(Number);
        fit.headline = headline ? headline.textContent.trim() : '';
        fit.grid = grid;
        fit.underset = undersetOf(fit, fit.columns || fit.rect[1] || 1, linesPerModule);
        delete fit.columns;
        pl.setAttribute('data-over-lines', String(fit.overLines));
        pl.setAttribute('data-over-chars', String(fit.overChars));
        if (fit.underset) {
          pl.setAttribute('data-under-lines', String(fit.underset.lines));
          pl.setAttribute('data-under-modules', String(fit.underset.modules));
        } else {
          pl.removeAttribute('data-under-lines');
          pl.removeAttribute('data-under-modules');
        }
        out.push(fit);
      }
    }
    return out;
  }

  function mark(results) {
    var placements = document.querySelectorAll('.placement');
    for (var i = 0; i < placements.length; i++) {
      var pl = placements[i];
      var old = pl.querySelector('.copyfit-flag');
      if (old) old.remove();
      var over = Number(pl.getAttribute('data-over-lines'));
      var chars = Number(pl.getAttribute('data-over-chars'));
      var under = pl.getAttribute('data-under-lines');
      pl.classList.toggle('overset', over > 0 || chars > 0);
      pl.classList.toggle('underset', under !== null);
      if (over > 0 || chars > 0) {
        var flag = document.createElement('span');
        flag.className = 'copyfit-flag';
        flag.textContent = '超版 ' + over + ' 行（约 ' + chars + ' 字）';
        pl.appendChild(flag);
      } else if (under !== null) {
        var white = document.createElement('span');
        white.className = 'copyfit-flag underset';
        white.textContent = '欠版 ' + under + ' 行（约 ' + pl.getAttribute('data-under-modules') + ' 模块空白）';
        pl.appendChild(white);
      }
    }
    // The holes the renderer found (modules no block covers) say what they are.
    var holes = document.querySelectorAll('.sheet .hole');
    for (var h = 0; h < holes.length; h++) {
      var hole = holes[h];
      var r = (hole.getAttribute('data-rect') || '').split(',');
      var was = hole.querySelector('.copyfit-flag');
      if (was) was.remove();
      var label = document.createElement('span');
      label.className = 'copyfit-flag underset';
      label.textContent = '空白 ' + r[1] + '栏×' + r[3] + '行';
      hole.appendChild(label);
    }
    return results;
  }

  function ready() {
    var images = Array.prototype.map.call(document.images, function (img) {
      return img.complete ? null : new Promise(function (done) { img.addEventListener('load', done); img.addEventListener('error', done); });
    });
    return Promise.all([document.fonts ? document.fonts.ready : null].concat(images));
  }

  window.banmianCopyfit = {
    measure: measure,
    /** Measures once fonts and photos are in, marks the sheets when asked; an embedding admin panel listens for banmian:copyfit. */
    run: function () {
      return ready().then(function () {
        var results = measure();
        if (document.body.classList.contains('proof-marks')) mark(results);
        window.banmianCopyfitResults = results;
        document.dispatchEvent(new CustomEvent('banmian:copyfit', { detail: results }));
        return results;
      });
    },
  };
  if (document.body && document.body.classList.contains('proof-marks')) window.banmianCopyfit.run();
  else document.addEventListener('DOMContentLoaded', function () { if (document.body.classList.contains('proof-marks')) window.banmianCopyfit.run(); });
})();
