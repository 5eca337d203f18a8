/* Paved: draws the page's Mermaid diagrams with the mermaid.js the portal serves itself
   (assets/paved/mermaid/: the pinned npm build, MIT, its LICENSE beside it). Nothing is
   fetched from another host, and mermaid is loaded only on pages that have a diagram.

   Why not Material's own Mermaid integration: it fetches mermaid from unpkg unless a
   global `mermaid` exists, calls mermaid.initialize with its own settings, and draws into
   a closed shadow root, where no script (ours, a test, a full-screen view) can reach the
   drawing. Here each diagram is drawn into the page with securityLevel "strict" (labels
   sanitised by mermaid's DOMPurify, no click callbacks, no scripts), scaled down to the
   content column, and given a full-screen view with zoom when it had to shrink.

   The fence (paved.generator.mkdocs_plugin.mermaid) writes the source as escaped text in
   <pre class="paved-mermaid">; without script that source is what the reader sees. */
(function () {
  "use strict";

  var script = document.currentScript;
  var moduleUrl = new URL("mermaid/mermaid.esm.min.mjs", script ? script.src : location.href).href;
  var loading = null;
  var queue = Promise.resolve();
  var sequence = 0;
  var SHADOW_STYLE = "<style>:host{display:block}svg{display:block;margin:0 auto;" +
    "max-width:100%;height:auto}</style>";

  function dark() {
    return document.body.getAttribute("data-md-color-scheme") === "slate";
  }

  function configure(api) {
    api.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      suppressErrorRendering: true,
      theme: dark() ? "dark" : "default",
      fontFamily: getComputedStyle(document.body).fontFamily
    });
    return api;
  }

  function mermaid() {
    if (!loading) {
      loading = import(moduleUrl).then(function (module) { return configure(module.default); });
    }
    return loading;
  }

  // The reader switched light/dark: draw the drawn diagrams again in the other theme.
  function redrawAll() {
    if (!loading) return;
    loading.then(function (api) {
      configure(api);
      document.querySelectorAll(".paved-diagram[data-paved-diagram='drawn']").forEach(function (w) {
        queue = queue.then(function () { return redraw(api, w); });
      });
    });
  }

  function redraw(api, wrapper) {
    var canvas = wrapper.querySelector(".paved-diagram__canvas");
    if (!canvas || !canvas.shadowRoot || typeof wrapper.pavedSource !== "string") return null;
    return api.render("paved-mermaid-" + sequence++, wrapper.pavedSource).then(function (result) {
      canvas.shadowRoot.innerHTML = SHADOW_STYLE + svgOf(result);
      var svg = canvas.shadowRoot.querySelector("svg");
      if (svg) svg.removeAttribute("height");
      if (svg && result.bindFunctions) result.bindFunctions(canvas.shadowRoot);
    }, function () { return null; });
  }

  // mermaid writes "NaN" for a coordinate it could not compute (a gantt without tasks);
  // the browser logs an error for every such attribute it parses, and ignores it. Dropped
  // before the drawing goes into the page: the same picture, no error in the console.
  function svgOf(result) {
    return result.svg.replace(/\s[\w:-]+="NaN"/g, "");
  }

  function naturalWidth(svg) {
    var box = svg.viewBox && svg.viewBox.baseVal;
    return box && box.width ? box.width : svg.getBoundingClientRect().width;
  }

  function fullScreen(wrapper, svg) {
    var dialog = document.createElement("dialog");
    dialog.className = "paved-diagram-dialog";
    dialog.setAttribute("aria-label", "Diagram, full size");
    var tools = document.createElement("div");
    tools.className = "paved-diagram-dialog__tools";
    var body = document.createElement("div");
    body.className = "paved-diagram-dialog__body";
    var scale = 1;
    var width = naturalWidth(svg);
    function zoom(factor) {
      scale = factor === 0 ? 1 : Math.min(4, Math.max(0.25, scale * factor));
      svg.style.width = Math.round(width * scale) + "px";
    }
    [["Zoom out", function () { zoom(1 / 1.25); }],
     ["Actual size", function () { zoom(0); }],
     ["Zoom in", function () { zoom(1.25); }],
     ["Close", function () { dialog.close(); finish(); }]].forEach(function (item) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = item[0];
      button.addEventListener("click", item[1]);
      tools.appendChild(button);
    });
    var home = svg.parentNode;
    var saved = svg.getAttribute("style") || "";
    var stage = body.attachShadow({ mode: "open" });
    stage.innerHTML = "<style>svg{display:block;height:auto;max-width:none!important}</style>";
    dialog.appendChild(tools);
    dialog.appendChild(body);
    document.body.appendChild(dialog);
    stage.appendChild(svg); // moved, not copied: mermaid's styles are scoped by the svg's id
    zoom(0);
    // The close event comes a task later; the Close button puts the drawing back at once,
    // Escape through the event. Whichever runs first does it, once.
    function finish() {
      if (!dialog.isConnected) return;
      svg.setAttribute("style", saved);
      home.appendChild(svg);
      dialog.remove();
    }
    dialog.addEventListener("close", finish);
    dialog.showModal();
  }

  function addTools(wrapper, svg) {
    var canvas = wrapper.querySelector(".paved-diagram__canvas");
    var shown = canvas.getBoundingClientRect().width;
    var natural = naturalWidth(svg);
    if (!natural || natural <= shown + 1) return;
    var tools = document.createElement("div");
    tools.className = "paved-diagram__tools";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "paved-diagram__full";
    button.textContent = "Full screen (shown at " + Math.round((100 * shown) / natural) + " %)";
    button.addEventListener("click", function () {
      // the drawing of now: a switch of light/dark draws it again
      fullScreen(wrapper, canvas.shadowRoot.querySelector("svg") || svg);
    });
    tools.appendChild(button);
    wrapper.insertBefore(tools, wrapper.firstChild);
  }

  function draw(wrapper) {
    var source = wrapper.querySelector("pre.paved-mermaid");
    if (!source) return Promise.resolve();
    var text = source.textContent;
    return mermaid().then(function (api) {
      var id = "paved-mermaid-" + sequence++;
      return api.render(id, text).then(function (result) {
        var canvas = document.createElement("div");
        canvas.className = "paved-diagram__canvas";
        // An open shadow root keeps the theme's typeset styles (paragraph margins, word
        // breaking) off mermaid's labels, which it measured without them; open, so the
        // full-screen view and the browser tests can reach the drawing.
        var shadow = canvas.attachShadow({ mode: "open" });
        shadow.innerHTML = SHADOW_STYLE + svgOf(result); // mermaid's output, sanitised by it
        source.replaceWith(canvas);
        wrapper.pavedSource = text;
        var svg = shadow.querySelector("svg");
        if (svg) {
          svg.removeAttribute("height");
          if (result.bindFunctions) result.bindFunctions(shadow);
          addTools(wrapper, svg);
        }
        wrapper.setAttribute("data-paved-diagram", "drawn");
      });
    }).catch(function (error) {
      var note = document.createElement("p");
      note.className = "paved-diagram__error";
      note.textContent = "This diagram could not be drawn (" +
        String((error && error.message) || error).split("\n")[0] + "); its source follows.";
      wrapper.insertBefore(note, source);
      wrapper.setAttribute("data-paved-diagram", "error");
    });
  }

  function schedule(wrapper) {
    if (wrapper.getAttribute("data-paved-diagram")) return;
    wrapper.setAttribute("data-paved-diagram", "queued");
    queue = queue.then(function () { return draw(wrapper); });
  }

  function start() {
    var wrappers = document.querySelectorAll(".paved-diagram");
    if (!wrappers.length) return;
    if (!("IntersectionObserver" in window)) {
      wrappers.forEach(schedule);
      return;
    }
    // Drawn as they come near the screen: a page with many diagrams stays quick to open.
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        observer.unobserve(entry.target);
        schedule(entry.target);
      });
    }, { rootMargin: "800px 0px" });
    wrappers.forEach(function (wrapper) { observer.observe(wrapper); });
  }

  new MutationObserver(redrawAll).observe(document.body, {
    attributes: true, attributeFilter: ["data-md-color-scheme"]
  });

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
