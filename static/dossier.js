/* dossier: small progressive enhancements for the built-in theme.
 *
 * Each feature is a module registered with `dossier.register(name, init)`;
 * `init(root)` runs once the document is ready and only does something when
 * the markup it needs is on the page. Other scripts (search.js) can use the
 * helpers on `window.dossier`:
 *
 *   dossier.base          the site's root path, e.g. "/iraq-dossier/"
 *   dossier.url(path)     a site path ("/entities/x/") under that root
 *   dossier.register(name, init)
 *   dossier.modules       the registered modules by name
 *   dossier.cardFile(id, n) which of n hover-card files holds an entity's card
 *
 * Without JavaScript every mention is a plain link and every quote marker
 * links to the quote index; nothing here is needed to read the site.
 */
(function () {
  "use strict";

  var base = document.documentElement.getAttribute("data-base") || "/";
  if (base.charAt(base.length - 1) !== "/") base += "/";

  var dossier = window.dossier || {};
  dossier.base = base;
  dossier.url = function (path) {
    return base + String(path || "").replace(/^\/+/, "");
  };
  dossier.modules = dossier.modules || {};
  dossier.register = function (name, init) {
    dossier.modules[name] = init;
    if (ready) run(name, init);
  };
  window.dossier = dossier;

  var ready = false;
  function run(name, init) {
    try {
      init(document);
    } catch (err) {
      if (window.console) console.error("dossier: " + name + " failed", err);
    }
  }
  function start() {
    ready = true;
    Object.keys(dossier.modules).forEach(function (name) {
      run(name, dossier.modules[name]);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    setTimeout(start, 0);
  }

  /* The card file (from 0) of an entity among `count`: the 64-bit FNV-1a
     hash of its id's UTF-8 bytes, modulo the count, as the build computes it. */
  dossier.cardFile = function (id, count) {
    var bytes = new TextEncoder().encode(id);
    var hash = BigInt("0xcbf29ce484222325");
    var prime = BigInt("0x100000001b3");
    var mask = BigInt("0xffffffffffffffff");
    for (var i = 0; i < bytes.length; i++) {
      hash = ((hash ^ BigInt(bytes[i])) * prime) & mask;
    }
    return Number(hash % BigInt(count));
  };

  /* Entity hover cards -------------------------------------------------
   * Hovering or focusing a.mention shows a card: kind, name, one-line
   * summary, "in N articles". The cards are in a few shared files,
   * data/cards/<n>.json, one fetched the first time a mention of one of its
   * entities is hovered; the article body's data-card-files says how many
   * there are, and an entity's file is the 64-bit FNV-1a hash of its id
   * modulo that count (as the build computes it).
   * - Mouse: shows after a short delay, stays while the pointer is over the
   *   link or the card, hides shortly after it leaves.
   * - Keyboard: focus shows, blur hides, Escape hides.
   * - Touch: the first tap shows the card with an "Open entity page" link;
   *   a second tap on the same mention follows it.
   * The card is one element with role="tooltip", referenced from the active
   * mention through aria-describedby.
   */
  dossier.register("hoverCards", function (root) {
    var holder = root.querySelector("[data-card-files]");
    if (!holder) return;
    var fileCount = parseInt(holder.getAttribute("data-card-files"), 10);
    if (!root.querySelector("a.mention, a.figure-link")) return;
    /* A figure's ≠ link is titled for browsers without scripts; here its card
       says the same, and the title would show a second box over it. */
    var figureLinks = root.querySelectorAll("a.figure-link[title]");
    for (var fl = 0; fl < figureLinks.length; fl++) figureLinks[fl].removeAttribute("title");

    var files = {};    // file number -> {entity id: card}, once fetched
    var loading = {};  // file number -> promise of its fetch

    /* The entity a mention links to: the last segment of /entities/<id>/. */
    function entityOf(link) {
      var m = /\/entities\/([^\/?#]+)\/?$/.exec(link.getAttribute("href") || "");
      if (!m) return null;
      try {
        return decodeURIComponent(m[1]);
      } catch (err) {
        return null;
      }
    }

    function fileOf(id) {
      return dossier.cardFile(id, fileCount);
    }

    /* Calls then(card or null) once the mention's card file is here. A
       figure's ≠ link carries its card: its wording and the other outlets'
       reports, one a line. */
    function withCard(link, then) {
      if (link.classList.contains("figure-link")) {
        var reports = (link.getAttribute("data-reports") || "").split("\n").filter(Boolean);
        then(reports.length ? { figure: link.getAttribute("data-figure") || "", reports: reports } : null);
        return;
      }
      if (!(fileCount > 0)) { then(null); return; }
      var id = entityOf(link);
      if (id === null) { then(null); return; }
      var n = fileOf(id);
      if (files[n]) { then(files[n][id] || null); return; }
      if (!loading[n]) {
        loading[n] = fetch(dossier.url("data/cards/" + n + ".json"))
          .then(function (r) { return r.ok ? r.json() : {}; })
          .catch(function () { return {}; })
          .then(function (data) { files[n] = data || {}; });
      }
      loading[n].then(function () { then(files[n][id] || null); });
    }

    var SHOW_DELAY = 120;
    var HIDE_DELAY = 220;
    var GAP = 8;
    var MARGIN = 8;

    var card = document.createElement("div");
    card.id = "entity-hovercard";
    card.className = "hovercard";
    card.setAttribute("role", "tooltip");
    card.hidden = true;
    document.body.appendChild(card);

    var active = null;       // the mention the card belongs to
    var showTimer = 0;
    var hideTimer = 0;
    var lastPointer = "mouse";
    var openedByTouch = false;
    var pointerX = null;
    var pointerY = null;

    function mentionFrom(node) {
      while (node && node !== document) {
        if (node.nodeType === 1 && node.matches("a.mention, a.figure-link")) return node;
        node = node.parentNode;
      }
      return null;
    }

    function plural(n, one, many) {
      return n + " " + (n === 1 ? one : many);
    }

    /* Appends an element of class hovercard__<part> holding text. */
    function add(tag, part, text) {
      var el = document.createElement(tag);
      el.className = "hovercard__" + part;
      if (text !== undefined) el.textContent = text;
      card.appendChild(el);
      return el;
    }

    /* Fills the card: a mention's entity, or a figure reported differently
       (its wording, then what each other outlet reports). On touch it ends
       with a link to go where the link goes. */
    function fill(link, withOpen, data) {
      var figure = !!data.reports;
      var kind = figure ? "figure" : data.kind || link.getAttribute("data-kind") || "other";
      card.setAttribute("data-kind", kind);
      card.textContent = "";
      add("p", "kind", figure ? "Reported differently" : data.kind_label || kind);
      add("strong", "name", figure ? data.figure : data.name || link.textContent);

      if (figure) {
        var list = add("ul", "reports");
        for (var i = 0; i < data.reports.length; i++) {
          var item = document.createElement("li");
          item.textContent = data.reports[i];
          list.appendChild(item);
        }
      }
      if (data.summary) add("p", "summary", data.summary);
      var count = Array.isArray(data.articles) ? data.articles.length : Number(data.articles);
      if (!isNaN(count) && count > 0) add("p", "meta", "In " + plural(count, "article", "articles"));

      if (withOpen) {
        var open = add("a", "open", figure ? "Compare on the figures page" : "Open entity page");
        open.href = link.href;
      }
    }

    /* The rectangle to anchor to: for a link broken over two lines, the
       fragment nearest the pointer (or the first one). */
    function anchorRect(link) {
      var rects = link.getClientRects();
      if (!rects.length) return link.getBoundingClientRect();
      if (pointerY === null || rects.length === 1) return rects[0];
      var best = rects[0];
      var bestDist = Infinity;
      for (var i = 0; i < rects.length; i++) {
        var r = rects[i];
        var dy = pointerY < r.top ? r.top - pointerY : pointerY > r.bottom ? pointerY - r.bottom : 0;
        var dx = pointerX < r.left ? r.left - pointerX : pointerX > r.right ? pointerX - r.right : 0;
        var d = dx + dy * 4;
        if (d < bestDist) { bestDist = d; best = r; }
      }
      return best;
    }

    function position(link) {
      var r = anchorRect(link);
      var vw = document.documentElement.clientWidth;
      var vh = window.innerHeight;
      card.style.left = "0px";
      card.style.top = "0px";
      var cw = card.offsetWidth;
      var ch = card.offsetHeight;

      var left = r.left + r.width / 2 - cw / 2;
      left = Math.max(MARGIN, Math.min(left, vw - cw - MARGIN));

      var below = r.bottom + GAP;
      var above = r.top - GAP - ch;
      var top = (below + ch <= vh - MARGIN || above < MARGIN) ? below : above;
      card.setAttribute("data-placement", top === below ? "below" : "above");

      card.style.left = Math.round(left + window.pageXOffset) + "px";
      card.style.top = Math.round(top + window.pageYOffset) + "px";
    }

    var pending = null;  // the mention whose card is being fetched

    function show(link, withOpen) {
      clearTimeout(hideTimer);
      clearTimeout(showTimer);
      pending = link;
      withCard(link, function (data) {
        if (pending !== link) return;
        pending = null;
        if (!data) {
          // No card to show: a tap goes where the link goes.
          if (withOpen) window.location.href = link.href;
          return;
        }
        if (active && active !== link) detach();
        fill(link, withOpen, data);
        active = link;
        openedByTouch = !!withOpen;
        link.classList.add("is-active");
        link.setAttribute("aria-describedby", card.id);
        card.hidden = false;
        position(link);
      });
    }

    function detach() {
      if (!active) return;
      active.classList.remove("is-active");
      if (active.getAttribute("aria-describedby") === card.id) {
        active.removeAttribute("aria-describedby");
      }
      active = null;
    }

    function hide() {
      clearTimeout(showTimer);
      clearTimeout(hideTimer);
      pending = null;
      detach();
      openedByTouch = false;
      card.hidden = true;
    }

    function scheduleShow(link) {
      clearTimeout(hideTimer);
      if (active === link && !card.hidden) return;
      clearTimeout(showTimer);
      withCard(link, function () {});  // fetch the card file while waiting
      showTimer = setTimeout(function () { show(link, false); }, SHOW_DELAY);
    }

    function scheduleHide() {
      clearTimeout(showTimer);
      clearTimeout(hideTimer);
      hideTimer = setTimeout(hide, HIDE_DELAY);
    }

    /* Which kind of pointer started the coming click. */
    document.addEventListener("pointerdown", function (e) {
      lastPointer = e.pointerType || "mouse";
    }, true);
    document.addEventListener("touchstart", function () {
      lastPointer = "touch";
    }, { capture: true, passive: true });
    document.addEventListener("pointermove", function (e) {
      if (e.pointerType === "mouse") lastPointer = "mouse";
    }, { capture: true, passive: true });

    /* Mouse */
    document.addEventListener("mouseover", function (e) {
      if (lastPointer === "touch") return;
      pointerX = e.clientX;
      pointerY = e.clientY;
      var link = mentionFrom(e.target);
      if (link) {
        scheduleShow(link);
      } else if (card.contains(e.target)) {
        clearTimeout(hideTimer);
      }
    });
    document.addEventListener("mouseout", function (e) {
      if (lastPointer === "touch" || openedByTouch) return;
      var from = mentionFrom(e.target) || (card.contains(e.target) ? card : null);
      if (!from) return;
      var to = e.relatedTarget;
      if (to && (from.contains(to) || card.contains(to) || (active && active.contains(to)))) return;
      if (document.activeElement === active) return;
      scheduleHide();
    });

    /* Keyboard */
    document.addEventListener("focusin", function (e) {
      var link = mentionFrom(e.target);
      if (link) {
        if (lastPointer === "touch" && openedByTouch) return;
        pointerX = pointerY = null;
        show(link, false);
      } else if (!card.contains(e.target)) {
        hide();
      }
    });
    document.addEventListener("focusout", function (e) {
      var link = mentionFrom(e.target);
      if (!link || link !== active) return;
      var to = e.relatedTarget;
      if (to && card.contains(to)) return;
      if (openedByTouch) return;
      scheduleHide();
    });
    document.addEventListener("keydown", function (e) {
      if ((e.key === "Escape" || e.key === "Esc") && !card.hidden) {
        hide();
        e.stopPropagation();
      }
    });

    /* Touch: first tap shows the card, a second tap on the same mention follows it. */
    document.addEventListener("click", function (e) {
      var link = mentionFrom(e.target);
      if (link) {
        if (lastPointer !== "touch") return;
        if (active === link && !card.hidden && openedByTouch) return; // second tap: follow
        e.preventDefault();
        var r = link.getBoundingClientRect();
        pointerX = r.left + r.width / 2;
        pointerY = r.top + r.height / 2;
        show(link, true);
        return;
      }
      if (!card.hidden && !card.contains(e.target)) hide();
    });

    /* The card sits in page coordinates, so it scrolls with its link; only
       a change of layout needs a new position. */
    var raf = 0;
    window.addEventListener("resize", function () {
      if (raf) return;
      raf = requestAnimationFrame(function () {
        raf = 0;
        if (active && !card.hidden) position(active);
      });
    });
  });

  /* Quote pieces ---------------------------------------------------------
   * A quote spanning markup comes as several .quote pieces sharing
   * data-quote; only the first carries the id. Highlight them together when
   * one is hovered or the quote is the URL's target (#q-2).
   */
  dossier.register("quotePieces", function (root) {
    if (!root.querySelector(".quote[data-quote]")) return;

    function pieces(id) {
      return root.querySelectorAll('.quote[data-quote="' + (window.CSS && CSS.escape ? CSS.escape(id) : id) + '"]');
    }
    function mark(id, cls, on) {
      if (!id) return;
      var list = pieces(id);
      for (var i = 0; i < list.length; i++) list[i].classList.toggle(cls, on);
    }

    var current = null;
    function markTarget() {
      if (current) mark(current, "is-target", false);
      current = null;
      var hash = decodeURIComponent(location.hash.slice(1));
      if (!hash) return;
      var el = root.getElementById(hash);
      if (el && el.classList.contains("quote")) {
        current = el.getAttribute("data-quote") || hash;
        mark(current, "is-target", true);
      }
    }
    markTarget();
    window.addEventListener("hashchange", markTarget);

    function over(e) {
      var q = e.target.closest && e.target.closest(".quote[data-quote]");
      if (q) mark(q.getAttribute("data-quote"), "is-hover", e.type === "mouseover");
    }
    root.addEventListener("mouseover", over);
    root.addEventListener("mouseout", over);
  });
})();
