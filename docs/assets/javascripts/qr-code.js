/* A QR code encoder, our own, for one job: draw a link as a QR code in the browser, with no library
   and no request. Byte mode only (a link is bytes), versions 1 to 40, error correction L, M, Q or H,
   the mask with the lowest penalty (ISO/IEC 18004:2015 sections 7.4 to 7.9 and 7.8.3).
   Tested in tests/site/test_qr_code.py: bit for bit against an independent encoder (the Python
   qrcode package) at every version, level and mask, and decoded by a real decoder (zxing-cpp).
   Loaded only on the pages that draw a code (overrides/main.html, front matter page_script).

   window.medrefQr.encode(text, {ecl: "M"}) -> {version, size, ecl, mask, modules: rows of booleans}
   window.medrefQr.svg(code, border) -> an <svg> element (dark squares on white) */
(function () {
  "use strict";

  var LEVELS = { L: 0, M: 1, Q: 2, H: 3 };
  var FORMAT_BITS = [1, 0, 3, 2];   // L, M, Q, H as the format information writes them
  // Error-correction codewords per block, and number of blocks, by level then version (index 0 unused).
  var ECC_PER_BLOCK = [
    [0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
    [0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    [0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30]
  ];
  var BLOCKS = [
    [0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
    [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
    [0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
    [0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81]
  ];

  // Modules left for data and error correction once the fixed patterns are drawn.
  function rawDataModules(ver) {
    var result = (16 * ver + 128) * ver + 64;
    if (ver >= 2) {
      var align = Math.floor(ver / 7) + 2;
      result -= (25 * align - 10) * align - 55;
      if (ver >= 7) { result -= 36; }
    }
    return result;
  }

  function dataCodewords(ver, level) {
    return Math.floor(rawDataModules(ver) / 8) - ECC_PER_BLOCK[level][ver] * BLOCKS[level][ver];
  }

  // ---- Reed-Solomon over GF(256), polynomial x^8 + x^4 + x^3 + x^2 + 1 ----
  function gfMultiply(x, y) {
    var z = 0;
    for (var i = 7; i >= 0; i--) {
      z = (z << 1) ^ ((z >>> 7) * 0x11d);
      z ^= ((y >>> i) & 1) * x;
    }
    return z;
  }

  function rsDivisor(degree) {
    var result = [];
    for (var i = 0; i < degree - 1; i++) { result.push(0); }
    result.push(1);
    var root = 1;
    for (i = 0; i < degree; i++) {
      for (var j = 0; j < result.length; j++) {
        result[j] = gfMultiply(result[j], root);
        if (j + 1 < result.length) { result[j] ^= result[j + 1]; }
      }
      root = gfMultiply(root, 0x02);
    }
    return result;
  }

  function rsRemainder(data, divisor) {
    var result = divisor.map(function () { return 0; });
    data.forEach(function (b) {
      var factor = b ^ result.shift();
      result.push(0);
      divisor.forEach(function (coef, i) { result[i] ^= gfMultiply(coef, factor); });
    });
    return result;
  }

  // ---- Data: mode, count, bytes, terminator, padding; then blocks with their ECC, interleaved ----
  function dataBits(bytes, ver, capacityBits) {
    var bits = [];
    function put(value, length) {
      for (var i = length - 1; i >= 0; i--) { bits.push((value >>> i) & 1); }
    }
    put(4, 4);                              // byte mode
    put(bytes.length, ver <= 9 ? 8 : 16);   // character count
    bytes.forEach(function (b) { put(b, 8); });
    put(0, Math.min(4, capacityBits - bits.length));
    put(0, (8 - bits.length % 8) % 8);
    for (var pad = 0xec; bits.length < capacityBits; pad ^= 0xec ^ 0x11) { put(pad, 8); }
    var codewords = [];
    for (var i = 0; i < bits.length; i += 8) {
      var byte = 0;
      for (var j = 0; j < 8; j++) { byte = (byte << 1) | bits[i + j]; }
      codewords.push(byte);
    }
    return codewords;
  }

  function withErrorCorrection(data, ver, level) {
    var numBlocks = BLOCKS[level][ver];
    var eccLen = ECC_PER_BLOCK[level][ver];
    var raw = Math.floor(rawDataModules(ver) / 8);
    var numShort = numBlocks - raw % numBlocks;
    var shortLen = Math.floor(raw / numBlocks);
    var divisor = rsDivisor(eccLen);
    var blocks = [];
    for (var i = 0, k = 0; i < numBlocks; i++) {
      var block = data.slice(k, k + shortLen - eccLen + (i < numShort ? 0 : 1));
      k += block.length;
      var ecc = rsRemainder(block, divisor);
      if (i < numShort) { block.push(0); }   // a placeholder, skipped when interleaving
      blocks.push(block.concat(ecc));
    }
    var result = [];
    for (i = 0; i < blocks[0].length; i++) {
      for (var j = 0; j < blocks.length; j++) {
        if (i !== shortLen - eccLen || j >= numShort) { result.push(blocks[j][i]); }
      }
    }
    return result;
  }

  // ---- The symbol: function patterns, then data in the zigzag, then the mask ----
  function alignmentPositions(ver, size) {
    if (ver === 1) { return []; }
    var count = Math.floor(ver / 7) + 2;
    var step = Math.floor((ver * 8 + count * 3 + 5) / (count * 4 - 4)) * 2;
    var result = [6];
    for (var pos = size - 7; result.length < count; pos -= step) { result.splice(1, 0, pos); }
    return result;
  }

  function QrSymbol(ver) {
    this.version = ver;
    this.size = ver * 4 + 17;
    this.modules = [];
    this.fixed = [];
    for (var y = 0; y < this.size; y++) {
      this.modules.push(new Array(this.size).fill(false));
      this.fixed.push(new Array(this.size).fill(false));
    }
  }

  QrSymbol.prototype.setFixed = function (x, y, dark) {
    this.modules[y][x] = dark;
    this.fixed[y][x] = true;
  };

  QrSymbol.prototype.drawFunctionPatterns = function () {
    var size = this.size, self = this;
    for (var i = 0; i < size; i++) {   // timing patterns
      this.setFixed(6, i, i % 2 === 0);
      this.setFixed(i, 6, i % 2 === 0);
    }
    [[3, 3], [size - 4, 3], [3, size - 4]].forEach(function (c) {   // finders with their separators
      for (var dy = -4; dy <= 4; dy++) {
        for (var dx = -4; dx <= 4; dx++) {
          var dist = Math.max(Math.abs(dx), Math.abs(dy));
          var x = c[0] + dx, y = c[1] + dy;
          if (x >= 0 && x < size && y >= 0 && y < size) { self.setFixed(x, y, dist !== 2 && dist !== 4); }
        }
      }
    });
    var align = alignmentPositions(this.version, size), last = align.length - 1;
    align.forEach(function (ay, i) {
      align.forEach(function (ax, j) {
        if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) { return; }   // finders
        for (var dy = -2; dy <= 2; dy++) {
          for (var dx = -2; dx <= 2; dx++) {
            self.setFixed(ax + dx, ay + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
          }
        }
      });
    });
    this.drawFormat(0, 0);   // reserve the format areas; rewritten once the mask is chosen
    this.drawVersion();
  };

  QrSymbol.prototype.drawFormat = function (level, mask) {
    var data = FORMAT_BITS[level] << 3 | mask;
    var rem = data;
    for (var i = 0; i < 10; i++) { rem = (rem << 1) ^ ((rem >>> 9) * 0x537); }
    var bits = (data << 10 | rem) ^ 0x5412;
    var size = this.size;
    function bit(n) { return ((bits >>> n) & 1) !== 0; }
    for (i = 0; i <= 5; i++) { this.setFixed(8, i, bit(i)); }
    this.setFixed(8, 7, bit(6));
    this.setFixed(8, 8, bit(7));
    this.setFixed(7, 8, bit(8));
    for (i = 9; i < 15; i++) { this.setFixed(14 - i, 8, bit(i)); }
    for (i = 0; i < 8; i++) { this.setFixed(size - 1 - i, 8, bit(i)); }
    for (i = 8; i < 15; i++) { this.setFixed(8, size - 15 + i, bit(i)); }
    this.setFixed(8, size - 8, true);   // the dark module
  };

  QrSymbol.prototype.drawVersion = function () {
    if (this.version < 7) { return; }
    var rem = this.version;
    for (var i = 0; i < 12; i++) { rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25); }
    var bits = this.version << 12 | rem;
    for (i = 0; i < 18; i++) {
      var dark = ((bits >>> i) & 1) !== 0;
      var a = this.size - 11 + i % 3, b = Math.floor(i / 3);
      this.setFixed(a, b, dark);
      this.setFixed(b, a, dark);
    }
  };

  QrSymbol.prototype.drawCodewords = function (codewords) {
    var size = this.size, i = 0, total = codewords.length * 8;
    for (var right = size - 1; right >= 1; right -= 2) {
      if (right === 6) { right = 5; }   // skip the vertical timing pattern
      for (var vert = 0; vert < size; vert++) {
        for (var j = 0; j < 2; j++) {
          var x = right - j;
          var upward = ((right + 1) & 2) === 0;
          var y = upward ? size - 1 - vert : vert;
          if (!this.fixed[y][x] && i < total) {
            this.modules[y][x] = ((codewords[i >>> 3] >>> (7 - (i & 7))) & 1) !== 0;
            i++;
          }   // modules past the data (remainder bits) stay light
        }
      }
    }
  };

  var MASKS = [
    function (x, y) { return (x + y) % 2 === 0; },
    function (x, y) { return y % 2 === 0; },
    function (x) { return x % 3 === 0; },
    function (x, y) { return (x + y) % 3 === 0; },
    function (x, y) { return (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0; },
    function (x, y) { return x * y % 2 + x * y % 3 === 0; },
    function (x, y) { return (x * y % 2 + x * y % 3) % 2 === 0; },
    function (x, y) { return ((x + y) % 2 + x * y % 3) % 2 === 0; }
  ];

  QrSymbol.prototype.applyMask = function (mask) {   // applying it twice undoes it
    for (var y = 0; y < this.size; y++) {
      for (var x = 0; x < this.size; x++) {
        if (!this.fixed[y][x] && MASKS[mask](x, y)) { this.modules[y][x] = !this.modules[y][x]; }
      }
    }
  };

  // The four penalty rules; the lowest score wins. (Any mask decodes: this only helps scanners.)
  var FINDER_LIKE = [[1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0], [0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1]];

  function linePenalty(line) {
    var score = 0, run = 1;
    for (var i = 1; i <= line.length; i++) {
      if (i < line.length && line[i] === line[i - 1]) { run++; continue; }
      if (run >= 5) { score += 3 + run - 5; }
      run = 1;
    }
    for (i = 0; i + 11 <= line.length; i++) {
      FINDER_LIKE.forEach(function (pattern) {
        for (var k = 0; k < 11; k++) { if (Number(line[i + k]) !== pattern[k]) { return; } }
        score += 40;
      });
    }
    return score;
  }

  QrSymbol.prototype.penalty = function () {
    var size = this.size, m = this.modules, score = 0, dark = 0;
    for (var y = 0; y < size; y++) {
      score += linePenalty(m[y]);
      var column = [];
      for (var x = 0; x < size; x++) {
        column.push(m[x][y]);
        if (m[y][x]) { dark++; }
        if (x + 1 < size && y + 1 < size && m[y][x] === m[y][x + 1] && m[y][x] === m[y + 1][x] &&
            m[y][x] === m[y + 1][x + 1]) { score += 3; }
      }
      score += linePenalty(column);
    }
    var total = size * size;
    return score + (Math.ceil(Math.abs(dark * 20 - total * 10) / total) - 1) * 10;
  };

  function utf8(text) {
    return Array.prototype.slice.call(new TextEncoder().encode(text));
  }

  /* options: ecl ("L", "M", "Q", "H"; default "M"), version (force one), mask (force one, 0-7).
     Throws a RangeError when the text does not fit version 40 at that level. */
  function encode(text, options) {
    options = options || {};
    var level = LEVELS[options.ecl || "M"];
    if (level === undefined) { throw new RangeError("unknown error-correction level " + options.ecl); }
    var bytes = typeof text === "string" ? utf8(text) : Array.prototype.slice.call(text);
    var ver = options.version || 1;
    for (; ver <= 40; ver++) {
      var header = 4 + (ver <= 9 ? 8 : 16);
      if (header + bytes.length * 8 <= dataCodewords(ver, level) * 8) { break; }
      if (options.version) { ver = 41; }
    }
    if (ver > 40) { throw new RangeError("too long for a QR code: " + bytes.length + " bytes"); }
    var symbol = new QrSymbol(ver);
    symbol.drawFunctionPatterns();
    symbol.drawCodewords(withErrorCorrection(dataBits(bytes, ver, dataCodewords(ver, level) * 8), ver, level));
    var mask = options.mask;
    if (mask === undefined) {
      var best = Infinity;
      for (var candidate = 0; candidate < 8; candidate++) {
        symbol.applyMask(candidate);
        symbol.drawFormat(level, candidate);
        var score = symbol.penalty();
        if (score < best) { best = score; mask = candidate; }
        symbol.applyMask(candidate);
      }
    }
    symbol.applyMask(mask);
    symbol.drawFormat(level, mask);
    return { version: ver, size: symbol.size, ecl: options.ecl || "M", mask: mask, modules: symbol.modules };
  }

  /* One <path> of dark squares on a white square, `border` modules of quiet zone (4 by the standard).
     Colours are attributes, not styles, so dark mode and a strict Content-Security-Policy leave them. */
  function svg(code, border) {
    border = border === undefined ? 4 : border;
    var ns = "http://www.w3.org/2000/svg";
    var full = code.size + 2 * border;
    var el = document.createElementNS(ns, "svg");
    el.setAttribute("viewBox", "0 0 " + full + " " + full);
    el.setAttribute("shape-rendering", "crispEdges");
    var back = document.createElementNS(ns, "rect");
    back.setAttribute("width", full);
    back.setAttribute("height", full);
    back.setAttribute("fill", "#fff");
    var d = [];
    code.modules.forEach(function (row, y) {
      row.forEach(function (dark, x) { if (dark) { d.push("M" + (x + border) + "," + (y + border) + "h1v1h-1z"); } });
    });
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", d.join(""));
    path.setAttribute("fill", "#000");
    el.appendChild(back);
    el.appendChild(path);
    return el;
  }

  window.medrefQr = { encode: encode, svg: svg, dataCodewords: function (ver, ecl) { return dataCodewords(ver, LEVELS[ecl]); } };
})();
