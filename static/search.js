/* dossier search: finds entities, articles, statements and figures in the
 * browser.
 *
 * The index is built by `dossier build` into data/search/ (see
 * src/render/search.rs for the format):
 *
 *   meta.json            document numbering, the first term of each term
 *                        chunk, the corpus's most common terms
 *   names.json           the words of entity names and aliases
 *   terms/<n>.json       term -> postings [docDelta, passage, weight, ...]
 *   docs/<kind>-<n>.json titles, links and passage texts
 *
 * A query loads meta.json once, then only the term chunks its words fall
 * in and the fragments of the results it shows. Words are found exactly as
 * the indexer finds them (tokenize below mirrors `tokenize` in Rust: same
 * folding table, same rules). All words must match (the last one as a
 * prefix while it is being typed); a submitted query (Enter, or ?q= in the
 * address) matches whole words, and its last word as a prefix only when
 * the whole words find nothing. A word found nowhere is looked up among the
 * words of entity names and aliases (names.json) within a small edit
 * distance, so that "Khodorkovski" finds Khodorkovsky; the status line says
 * which spelling was used. When none matches them all, results that match
 * some of them are shown, marked as such.
 *
 * Results are built with DOM nodes and textContent only: no text from the
 * index ever reaches innerHTML.
 */
(function () {
  "use strict";

  /* Must equal FOLD_TABLE in src/render/search.rs (a test checks it). */
  var FOLD_TABLE = "ßss àa áa âa ãa äa åa æae çc èe ée êe ëe ìi íi îi ïi ðd ñn òo óo ôo õo öo øo ùu úu ûu üu ýy þth ÿy āa ăa ąa ćc ĉc ċc čc ďd đd ēe ĕe ėe ęe ěe ĝg ğg ġg ģg ĥh ħh ĩi īi ĭi įi ıi ĳij ĵj ķk ĸk ĺl ļl ľl łl ńn ņn ňn ŋn ōo ŏo őo œoe ŕr ŗr řr śs ŝs şs šs ţt ťt ŧt ũu ūu ŭu ůu űu ųu ŵw ŷy źz żz žz ſs ƀb ơo ưu ƶz ǆdz ǉlj ǌnj ǎa ǐi ǒo ǔu ǖu ǘu ǚu ǜu ǟa ǡa ǥg ǧg ǩk ǫo ǭo ǰj ǳdz ǵg ǹn ǻa ȁa ȃa ȅe ȇe ȉi ȋi ȍo ȏo ȑr ȓr ȕu ȗu șs țt ȟh ȧa ȩe ȫo ȭo ȯo ȱo ȳy ɇe ɉj ɍr ɏy ɨi ʉu ςσ ḁa ḃb ḅb ḇb ḉc ḋd ḍd ḏd ḑd ḓd ḕe ḗe ḙe ḛe ḝe ḟf ḡg ḣh ḥh ḧh ḩh ḫh ḭi ḯi ḱk ḳk ḵk ḷl ḹl ḻl ḽl ḿm ṁm ṃm ṅn ṇn ṉn ṋn ṍo ṏo ṑo ṓo ṕp ṗp ṙr ṛr ṝr ṟr ṡs ṣs ṥs ṧs ṩs ṫt ṭt ṯt ṱt ṳu ṵu ṷu ṹu ṻu ṽv ṿv ẁw ẃw ẅw ẇw ẉw ẋx ẍx ẏy ẑz ẓz ẕz ẖh ẗt ẘw ẙy ẛs ạa ảa ấa ầa ẩa ẫa ậa ắa ằa ẳa ẵa ặa ẹe ẻe ẽe ếe ềe ểe ễe ệe ỉi ịi ọo ỏo ốo ồo ổo ỗo ộo ớo ờo ởo ỡo ợo ụu ủu ứu ừu ửu ữu ựu ỳy ỵy ỷy ỹy";
  var MAX_TERM_CHARS = 40;
  var PAGE_SIZE = 10;           /* results shown at once */
  var MAX_PREFIX_CHUNKS = 3;    /* term chunks one prefix may load */
  var MAX_COMPLETIONS = 100;    /* terms one prefix may expand to */
  var SNIPPET_CHARS = 240;
  var DEBOUNCE_MS = 160;
  var FUZZY_ONE_EDIT = 5;       /* characters from which a word may be one edit off a name */
  var FUZZY_TWO_EDITS = 8;      /* ... and two */
  var MAX_SPELLINGS = 5;        /* close spellings one word may stand for */
  var ENTITY_HIDDEN_ALIASES = 2; /* an entity's passages: names, description, hidden aliases */

  var FOLD = {};
  FOLD_TABLE.split(" ").forEach(function (entry) {
    var chars = Array.from(entry);
    FOLD[chars[0]] = chars.slice(1).join("");
  });
  var ALNUM = /^[\p{Alphabetic}\p{N}]$/u;
  var COMBINING = /^[\u0300-\u036f]$/;
  function isApostrophe(c) { return c === "'" || c === "\u2019" || c === "\u02bc"; }

  /* The words of `text` with where they are: [{term, start, end}], offsets
   * in UTF-16 units of the original text. */
  function tokenSpans(text) {
    var chars = [];    /* normalised characters */
    var from = [];     /* for each, [start, end) of its source character */
    var offset = 0;
    Array.from(String(text)).forEach(function (c) {
      var end = offset + c.length;
      Array.from(c.toLowerCase()).forEach(function (l) {
        if (COMBINING.test(l)) return;
        var f = Object.prototype.hasOwnProperty.call(FOLD, l) ? FOLD[l] : l;
        Array.from(f).forEach(function (x) {
          chars.push(x);
          from.push([offset, end]);
        });
      });
      offset = end;
    });
    var spans = [];
    var i = 0;
    while (i < chars.length) {
      if (!ALNUM.test(chars[i])) { i++; continue; }
      var start = i;
      while (i < chars.length && ALNUM.test(chars[i])) i++;
      var possessive = i - start === 1 && chars[start] === "s" && start >= 2 &&
        isApostrophe(chars[start - 1]) && ALNUM.test(chars[start - 2]);
      if (!possessive && i - start <= MAX_TERM_CHARS) {
        spans.push({ term: chars.slice(start, i).join(""), start: from[start][0], end: from[i - 1][1] });
      }
    }
    return spans;
  }

  function tokenize(text) {
    return tokenSpans(text).map(function (s) { return s.term; });
  }

  /* Loading ------------------------------------------------------------ */

  var root = document.documentElement.getAttribute("data-base") || "/";
  if (root.charAt(root.length - 1) !== "/") root += "/";
  var indexUrl = root + "data/search/";
  var cache = {};
  var stats = { requests: 0, bytes: 0, urls: [] };
  var metaPromise = null;

  function fetchJson(url, options) {
    if (!cache[url]) {
      cache[url] = fetch(url, options).then(function (r) {
        if (!r.ok) throw new Error(url + ": HTTP " + r.status);
        return r.text();
      }).then(function (text) {
        stats.requests += 1;
        stats.bytes += text.length;
        stats.urls.push(url);
        return JSON.parse(text);
      });
      cache[url].catch(function () { delete cache[url]; });
    }
    return cache[url];
  }

  function loadMeta() {
    if (!metaPromise) {
      metaPromise = fetchJson(indexUrl + "meta.json", { cache: "no-cache" }).then(function (meta) {
        meta.commonSet = {};
        meta.common.forEach(function (t) { meta.commonSet[t] = true; });
        return meta;
      });
      metaPromise.catch(function () { metaPromise = null; });
    }
    return metaPromise;
  }

  function versioned(meta, path) {
    return indexUrl + path + "?v=" + encodeURIComponent(meta.hash);
  }

  /* The chunk a term falls in: the last whose first term is <= it. */
  function chunkOf(meta, term) {
    var lo = 0, hi = meta.chunks.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (meta.chunks[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function chunksFor(meta, word) {
    var first = chunkOf(meta, word.term);
    var list = [first];
    if (word.prefix) {
      for (var j = first + 1; j < meta.chunks.length && list.length < MAX_PREFIX_CHUNKS; j++) {
        if (meta.chunks[j].lastIndexOf(word.term, 0) !== 0) break;
        list.push(j);
      }
    }
    return list;
  }

  function loadChunk(meta, n) {
    return fetchJson(versioned(meta, "terms/" + n + ".json"));
  }

  function kindOf(meta, doc) {
    for (var i = 0; i < meta.kinds.length; i++) {
      var k = meta.kinds[i];
      if (doc >= k.start && doc < k.start + k.count) return k;
    }
    return null;
  }

  function loadDoc(meta, doc) {
    var k = kindOf(meta, doc);
    var idx = doc - k.start;
    var file = k.kind + "-" + Math.floor(idx / k.per_file) + ".json";
    return fetchJson(versioned(meta, "docs/" + file)).then(function (list) {
      return list[idx % k.per_file];
    });
  }

  /* Matching and ranking ----------------------------------------------- */

  /* Adds a term's postings list to `docs` (Map doc -> Map passage -> weight),
   * its weights multiplied by `factor`. */
  function addPostings(docs, list, factor) {
    var doc = 0;
    for (var i = 0; i + 2 < list.length; i += 3) {
      doc += list[i];
      var passages = docs.get(doc);
      if (!passages) { passages = new Map(); docs.set(doc, passages); }
      passages.set(list[i + 1], (passages.get(list[i + 1]) || 0) + list[i + 2] * factor);
    }
  }

  function has(chunk, term) { return Object.prototype.hasOwnProperty.call(chunk, term); }

  /* Postings of one query word: Map doc -> Map passage -> weight. An exact
   * term counts twice as much as a completion of a prefix. */
  function postingsOf(word, chunks) {
    var docs = new Map();
    var seen = 0;
    chunks.forEach(function (chunk) {
      if (has(chunk, word.term)) addPostings(docs, chunk[word.term], 2);
      if (!word.prefix) return;
      Object.keys(chunk).forEach(function (t) {
        if (t !== word.term && t.lastIndexOf(word.term, 0) === 0 && seen < MAX_COMPLETIONS) {
          seen += 1;
          addPostings(docs, chunk[t], 1);
        }
      });
    });
    return docs;
  }

  /* Close spellings ---------------------------------------------------- */

  /* How many edits a word may be from a name it misspells: none below five
   * characters (one letter turns "Iran" into "Iraq"), one from five, two
   * from eight. Numbers are never respelled. */
  function editsAllowed(term) {
    var n = Array.from(term).length;
    if (/[0-9]/.test(term) || n < FUZZY_ONE_EDIT) return 0;
    return n < FUZZY_TWO_EDITS ? 1 : 2;
  }

  /* Edit distance between a and b (arrays of characters): insertions,
   * deletions, substitutions and swaps of two neighbours, each one edit.
   * Anything above `max` is reported as max + 1. */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var before = null, prev = [], row;
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      row = [i];
      var least = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          d = Math.min(d, before[j - 2] + 1);
        }
        row.push(d);
        if (d < least) least = d;
      }
      if (least > max) return max + 1;
      before = prev;
      prev = row;
    }
    return prev[b.length];
  }

  /* The names' words closest to `word`, within the edits it allows: those at
   * the least distance found, at most MAX_SPELLINGS of them. A word being
   * typed is compared with the names' beginnings. */
  function closeSpellings(names, word) {
    var max = editsAllowed(word.term);
    if (!max) return [];
    var w = Array.from(word.term);
    var found = [];
    var best = max;
    names.forEach(function (name) {
      if (name === word.term) return;
      var n = Array.from(name);
      var d = max + 1;
      if (word.prefix) {
        for (var len = w.length - max; len <= w.length + max; len++) {
          if (len >= 1 && len <= n.length) d = Math.min(d, distance(w, n.slice(0, len), best));
        }
      } else {
        d = distance(w, n, best);
      }
      if (d > best) return;
      if (d < best) { best = d; found = found.filter(function (f) { return f.edits <= d; }); }
      found.push({ term: name, edits: d });
    });
    return found.slice(0, MAX_SPELLINGS);
  }

  /* For each word that matched nothing, the postings of the names it may
   * misspell, weighed less than an exact match the further they are. Sets
   * `word.spellings` to the terms used. */
  function respell(meta, words, maps) {
    var lost = words.filter(function (w, i) { return !maps[i].size && editsAllowed(w.term); });
    if (!lost.length) return Promise.resolve();
    return fetchJson(versioned(meta, "names.json")).then(function (names) {
      return Promise.all(words.map(function (w, i) {
        if (lost.indexOf(w) < 0) return null;
        var close = closeSpellings(names, w);
        w.spellings = close.map(function (c) { return c.term; });
        return Promise.all(close.map(function (c) { return loadChunk(meta, chunkOf(meta, c.term)); }))
          .then(function (chunks) {
            close.forEach(function (c, k) {
              if (has(chunks[k], c.term)) addPostings(maps[i], chunks[k][c.term], 2 / (1 + c.edits));
            });
          });
      }));
    });
  }

  function rank(meta, words, maps) {
    var all = words.length;
    var counts = new Map();
    maps.forEach(function (m) {
      m.forEach(function (_, doc) { counts.set(doc, (counts.get(doc) || 0) + 1); });
    });
    var partial = false;
    var docs = [];
    counts.forEach(function (n, doc) { if (n === all) docs.push(doc); });
    if (!docs.length && all > 1) {
      partial = true;
      counts.forEach(function (_, doc) { docs.push(doc); });
    }
    var hits = docs.map(function (doc) {
      var byPassage = new Map();
      var total = 0;
      maps.forEach(function (m) {
        var passages = m.get(doc);
        if (!passages) return;
        passages.forEach(function (w, p) {
          var e = byPassage.get(p) || { words: 0, weight: 0 };
          e.words += 1;
          e.weight += w;
          byPassage.set(p, e);
          total += w;
        });
      });
      var best = -1, bestE = null;
      byPassage.forEach(function (e, p) {
        if (!bestE || e.words > bestE.words || (e.words === bestE.words &&
            (e.weight > bestE.weight || (e.weight === bestE.weight && p < best)))) {
          best = p; bestE = e;
        }
      });
      var kind = kindOf(meta, doc).kind;
      var head = byPassage.get(0) || (kind === "entity" ? byPassage.get(ENTITY_HIDDEN_ALIASES) : null);
      var tier = 2;
      if (head && head.words === all) tier = kind === "entity" ? 0 : kind === "article" ? 1 : 2;
      return { doc: doc, kind: kind, tier: tier, words: counts.get(doc), best: best,
               bestWords: bestE.words, total: total, passages: byPassage };
    });
    hits.sort(function (a, b) {
      return a.tier - b.tier || b.words - a.words || b.bestWords - a.bestWords ||
        b.total - a.total || a.doc - b.doc;
    });
    return { hits: hits, partial: partial };
  }

  /* Runs a query: resolves to {query, words, hits, partial}. While the query
   * is typed its last word is a prefix; a submitted one matches whole words,
   * and tries its last word as a prefix only when they find nothing. */
  function run(query, submitted) {
    if (submitted) {
      return runWords(query, false).then(function (found) {
        return found.hits.length ? found : runWords(query, true);
      });
    }
    return runWords(query, true);
  }

  function runWords(query, lastAsPrefix) {
    var spans = tokenSpans(query);
    var terms = [];
    spans.forEach(function (s) { if (terms.indexOf(s.term) < 0) terms.push(s.term); });
    if (!terms.length) return Promise.resolve({ query: query, words: [], hits: [], partial: false });
    var typing = lastAsPrefix && !/\s$/.test(query) && spans.length && spans[spans.length - 1].end === query.length;
    var words = terms.map(function (t, i) {
      return { term: t, prefix: typing && i === terms.length - 1 && Array.from(t).length >= 2 };
    });
    return loadMeta().then(function (meta) {
      var rare = words.filter(function (w) { return !meta.commonSet[w.term]; });
      var used = rare.length ? rare : words;
      return Promise.all(used.map(function (w) {
        return Promise.all(chunksFor(meta, w).map(function (n) { return loadChunk(meta, n); }));
      })).then(function (chunkLists) {
        var maps = used.map(function (w, i) { return postingsOf(w, chunkLists[i]); });
        return respell(meta, used, maps).then(function () {
          var ranked = rank(meta, used, maps);
          return { query: query, words: words, hits: ranked.hits, partial: ranked.partial, meta: meta };
        });
      });
    });
  }

  /* Showing results ---------------------------------------------------- */

  function matcher(words) {
    return function (term) {
      return words.some(function (w) {
        return term === w.term || (w.prefix && term.lastIndexOf(w.term, 0) === 0) ||
          (w.spellings || []).indexOf(term) >= 0;
      });
    };
  }

  /* Appends `text` to `parent` with the matching words in <mark>; long text
   * is cut to a window around the first match. */
  function appendMarked(parent, text, isMatch, cut) {
    var spans = tokenSpans(text).filter(function (s) { return isMatch(s.term); });
    var start = 0, end = text.length;
    if (cut && text.length > SNIPPET_CHARS) {
      var first = spans.length ? spans[0].start : 0;
      start = Math.max(0, first - Math.floor(SNIPPET_CHARS / 3));
      if (start > 0) {
        var space = text.indexOf(" ", start);
        start = space >= 0 && space < first ? space + 1 : start;
      }
      end = Math.min(text.length, start + SNIPPET_CHARS);
      if (end < text.length) {
        var back = text.lastIndexOf(" ", end);
        if (back > start && back >= (spans.length ? spans[0].end : 0)) end = back;
      }
    }
    if (start > 0) parent.appendChild(document.createTextNode("… "));
    var at = start;
    spans.forEach(function (s) {
      if (s.start < at || s.end > end) return;
      if (s.start > at) parent.appendChild(document.createTextNode(text.slice(at, s.start)));
      var m = document.createElement("mark");
      m.textContent = text.slice(s.start, s.end);
      parent.appendChild(m);
      at = s.end;
    });
    if (end > at) parent.appendChild(document.createTextNode(text.slice(at, end)));
    if (end < text.length) parent.appendChild(document.createTextNode(" …"));
  }

  /* The passage to show and the anchor to link to. */
  function passageOf(meta, hit, frag) {
    var p = hit.best;
    if (hit.kind === "statement") {
      /* The wording that matched, or the fullest one. */
      if (p === 1) p = 0;
    } else if (p === 0 || !frag.p[p]) {
      /* The words are in the title or a passage not shown (an empty summary,
       * a hidden alias): show another matching passage, or the opening text. */
      var other = -1;
      hit.passages.forEach(function (e, q) {
        if (q > 0 && frag.p[q] && (other < 0 || e.words > hit.passages.get(other).words)) other = q;
      });
      if (other >= 0) {
        p = other;
      } else if (hit.kind === "entity") {
        p = frag.p[1] ? 1 : 0;
      } else {
        p = frag.p[2] ? 2 : meta.article_body_start;
      }
    }
    var anchor = "";
    if (frag.a) {
      for (var q = Math.min(p, frag.a.length - 1); q >= meta.article_body_start; q--) {
        if (frag.a[q]) { anchor = frag.a[q]; break; }
      }
    }
    return { text: frag.p[p] || "", anchor: anchor };
  }

  var KIND_LABELS = { entity: "Entity", article: "Article", statement: "Statement", claim: "Figure" };

  function href(frag, anchor) {
    var url = root + frag.u.replace(/^\/+/, "");
    if (anchor) url = url.replace(/#.*$/, "") + "#" + anchor;
    return url;
  }

  function renderHit(meta, hit, frag, isMatch) {
    var passage = passageOf(meta, hit, frag);
    var li = document.createElement("li");
    li.className = "search-hit search-hit--" + hit.kind;
    var meta1 = document.createElement("p");
    meta1.className = "search-hit__meta";
    var kind = document.createElement("span");
    kind.className = "badge badge--quiet search-hit__kind";
    kind.textContent = KIND_LABELS[hit.kind] || hit.kind;
    meta1.appendChild(kind);
    var about = [frag.l, frag.d].filter(Boolean).join(" · ");
    if (about) meta1.appendChild(document.createTextNode(" " + about));
    var title = document.createElement("h2");
    title.className = "search-hit__title";
    var a = document.createElement("a");
    a.href = href(frag, passage.anchor);
    if (hit.kind === "statement") {
      a.textContent = frag.t;
    } else {
      appendMarked(a, frag.t, isMatch, false);
    }
    title.appendChild(a);
    li.appendChild(meta1);
    li.appendChild(title);
    if (passage.text) {
      var text = document.createElement(hit.kind === "statement" ? "blockquote" : "p");
      text.className = "search-hit__passage";
      appendMarked(text, passage.text, isMatch, true);
      li.appendChild(text);
    }
    return li;
  }

  /* The page ----------------------------------------------------------- */

  function start() {
    var input = document.getElementById("search-input");
    var results = document.getElementById("search-results");
    if (!input || !results) return;
    var form = document.getElementById("search-form");
    var status = document.getElementById("search-status");
    if (!status) {
      status = document.createElement("p");
      status.id = "search-status";
      status.setAttribute("role", "status");
      results.parentNode.insertBefore(status, results);
    }
    status.className = "search-status";
    results.removeAttribute("aria-live");

    var current = 0;   /* the latest query's number; older answers are dropped */
    var timer = null;
    var lastQuery = null;

    function setState(state, query) {
      results.setAttribute("data-state", state);
      results.setAttribute("data-query", query);
    }

    function clear(message) {
      while (results.firstChild) results.removeChild(results.firstChild);
      status.textContent = message || "";
    }

    function updateUrl(query) {
      if (!window.history || !history.replaceState) return;
      var params = new URLSearchParams(location.search);
      if (query) params.set("q", query); else params.delete("q");
      var qs = params.toString();
      history.replaceState(history.state, "", location.pathname + (qs ? "?" + qs : "") + location.hash);
    }

    function describe(n, shown, query, partial, words) {
      var quoted = "\u201c" + query.trim() + "\u201d";
      if (!n) return "No results for " + quoted + ".";
      var s = n + (n === 1 ? " result" : " results") + " for " + quoted;
      var spellings = [];
      words.forEach(function (w) {
        (w.spellings || []).forEach(function (t) { spellings.push("\u201c" + t + "\u201d"); });
      });
      if (spellings.length) {
        s += ", spelled " + spellings.slice(0, -1).join(", ") +
          (spellings.length > 1 ? " or " : "") + spellings[spellings.length - 1] + " in the dossier";
      }
      if (partial) s += ", matching some of the words";
      if (shown < n) s += "; showing " + shown;
      return s + ".";
    }

    function search(query, submitted) {
      var mine = ++current;
      lastQuery = query;
      updateUrl(query);
      if (!query.trim()) {
        clear("");
        setState("idle", query);
        return Promise.resolve();
      }
      setState("searching", query);
      return run(query, submitted).then(function (found) {
        if (mine !== current) return;
        if (!found.words.length) {
          clear("Type a word to search.");
          setState("done", query);
          return;
        }
        var list = document.createElement("ol");
        list.className = "search-hits";
        var isMatch = matcher(found.words);
        var shown = 0;
        var more = null;
        function page() {
          var next = found.hits.slice(shown, shown + PAGE_SIZE);
          return Promise.all(next.map(function (hit) { return loadDoc(found.meta, hit.doc); }))
            .then(function (frags) {
              if (mine !== current) return false;
              next.forEach(function (hit, i) {
                list.appendChild(renderHit(found.meta, hit, frags[i], isMatch));
              });
              shown += next.length;
              status.textContent = describe(found.hits.length, shown, query, found.partial, found.words);
              if (more && shown >= found.hits.length) {
                more.parentNode.removeChild(more);
                more = null;
              }
              return true;
            });
        }
        return page().then(function (ok) {
          if (!ok) return;
          clear(status.textContent);
          status.textContent = describe(found.hits.length, shown, query, found.partial, found.words);
          results.appendChild(list);
          if (shown < found.hits.length) {
            more = document.createElement("button");
            more.type = "button";
            more.className = "button search-more";
            more.textContent = "Show more results";
            more.addEventListener("click", function () {
              var firstNew = shown;
              more.disabled = true;
              page().then(function () {
                if (more) more.disabled = false;
                var link = list.children[firstNew] && list.children[firstNew].querySelector("a");
                if (link) link.focus();
              });
            });
            results.appendChild(more);
          }
          if (!found.hits.length) clear(status.textContent);
          setState("done", query);
        });
      }).catch(function (err) {
        if (mine !== current) return;
        clear("Search is unavailable: the index could not be loaded.");
        setState("error", query);
        if (window.console) console.error("dossier search:", err);
      });
    }

    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (input.value !== lastQuery) search(input.value);
      }, DEBOUNCE_MS);
    }

    input.addEventListener("input", schedule);
    if (form) {
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        clearTimeout(timer);
        search(input.value, true);
      });
    }

    /* Arrow keys move between the search box and the results' links. */
    function links() { return Array.prototype.slice.call(results.querySelectorAll(".search-hit__title a")); }
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") {
        var l = links();
        if (l.length) { e.preventDefault(); l[0].focus(); }
      } else if (e.key === "Escape" && input.value) {
        e.preventDefault();
        input.value = "";
        clearTimeout(timer);
        search("");
      }
    });
    results.addEventListener("keydown", function (e) {
      if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
      var l = links();
      var i = l.indexOf(document.activeElement);
      if (i < 0) return;
      e.preventDefault();
      if (e.key === "ArrowDown" && i + 1 < l.length) l[i + 1].focus();
      else if (e.key === "ArrowUp") (i > 0 ? l[i - 1] : input).focus();
    });

    var initial = new URLSearchParams(location.search).get("q") || "";
    if (initial) {
      input.value = initial;
      search(initial, true);
    } else {
      setState("idle", "");
    }
  }

  window.dossierSearch = { tokenize: tokenize, tokenSpans: tokenSpans, run: run, stats: stats };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
