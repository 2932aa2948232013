// Broadsheet's replica viewer: pan and zoom a printed page by touch, mouse and keyboard, loading
// from the page's IIIF image service only the tiles in view, at the resolution the zoom needs.
// Without this file the page is a picture with links over its stories, and nothing is lost.
(function () {
  "use strict";

  var MAX_ZOOM = 12;
  var STEP = 1.25;
  var DRAG_SLOP = 4;

  function start(viewer) {
    var page = viewer.querySelector(".replica__page");
    var image = viewer.querySelector(".replica__image");
    var overlay = viewer.querySelector(".replica__overlay");
    if (!page || !image || !overlay || !window.fetch) return;
    var service = viewer.getAttribute("data-service");
    var fullWidth = Number(viewer.getAttribute("data-width"));
    var fullHeight = Number(viewer.getAttribute("data-height"));
    var tileSide = 512;
    var factors = [1];
    var zoom = 1, x = 0, y = 0;
    var layers = {};
    var level = null;
    var pending = 0;

    viewer.tabIndex = 0;
    viewer.setAttribute("role", "region");
    viewer.setAttribute(
      "aria-label", "The printed page. Plus and minus zoom, the arrow keys move, 0 shows the whole page.");
    viewer.classList.add("replica__viewer--zooming");

    var controls = document.createElement("div");
    controls.className = "replica__controls";
    function button(text, label, action) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = text;
      b.setAttribute("aria-label", label);
      b.addEventListener("click", action);
      controls.appendChild(b);
      return b;
    }
    button("+", "Zoom in", function () { zoomBy(STEP); });
    button("−", "Zoom out", function () { zoomBy(1 / STEP); });
    button("Whole page", "Show the whole page", function () { set(1, 0, 0); });
    var status = document.createElement("span");
    status.setAttribute("aria-live", "polite");
    controls.appendChild(status);
    viewer.parentNode.insertBefore(controls, viewer);

    function size() {
      return { width: viewer.clientWidth, height: viewer.clientHeight };
    }

    // Keeps the page over the whole viewer: no gap at an edge while zoomed in.
    function set(newZoom, newX, newY) {
      var box = size();
      zoom = Math.min(MAX_ZOOM, Math.max(1, newZoom));
      x = Math.min(0, Math.max(box.width - box.width * zoom, newX));
      y = Math.min(0, Math.max(box.height - box.height * zoom, newY));
      page.style.transform = "translate(" + x + "px," + y + "px) scale(" + zoom + ")";
      viewer.setAttribute("data-zoom", zoom.toFixed(3));
      viewer.classList.toggle("replica__viewer--zoomed", zoom > 1);
      status.textContent = Math.round(zoom * 100) + "%";
      schedule();
    }

    // Zooms by `factor` keeping the point (px, py) of the viewer where it is; the centre by default.
    function zoomBy(factor, px, py) {
      var box = size();
      if (px === undefined) { px = box.width / 2; py = box.height / 2; }
      var target = Math.min(MAX_ZOOM, Math.max(1, zoom * factor));
      var ratio = target / zoom;
      set(target, px - (px - x) * ratio, py - (py - y) * ratio);
    }

    var frame = 0;
    function schedule() {
      if (!frame) frame = window.requestAnimationFrame(function () { frame = 0; loadTiles(); });
    }

    // The scale factor whose picture is just sharp enough for the page as it is drawn now.
    function wantedFactor() {
      var drawn = size().width * zoom * (window.devicePixelRatio || 1);
      var chosen = factors[0];
      for (var i = 0; i < factors.length; i++) {
        if (fullWidth / factors[i] >= drawn && factors[i] > chosen) chosen = factors[i];
      }
      return chosen;
    }

    function loadTiles() {
      var factor = wantedFactor();
      if (fullWidth / factor <= (image.naturalWidth || image.width)) {
        dropLayersBut(null);
        return;
      }
      var box = size();
      var rect = viewer.getBoundingClientRect();
      // Only what is on screen: the viewer's part inside the window.
      var top = Math.max(0, -rect.top), bottom = Math.min(box.height, window.innerHeight - rect.top);
      var left = Math.max(0, -rect.left), right = Math.min(box.width, window.innerWidth - rect.left);
      if (bottom <= top || right <= left) return;
      var scale = fullWidth / (box.width * zoom);
      var x0 = (left - x) * scale, x1 = (right - x) * scale;
      var y0 = (top - y) * scale, y1 = (bottom - y) * scale;
      var span = tileSide * factor;
      var layer = layers[factor];
      if (!layer) {
        layer = { element: document.createElement("div"), tiles: {}, loaded: 0, count: 0 };
        layer.element.className = "replica__tiles";
        page.insertBefore(layer.element, overlay);
        layers[factor] = layer;
      }
      level = factor;
      var wanted = {};
      for (var row = Math.max(0, Math.floor(y0 / span)); row * span < Math.min(fullHeight, y1); row++) {
        for (var col = Math.max(0, Math.floor(x0 / span)); col * span < Math.min(fullWidth, x1); col++) {
          var key = col + "," + row;
          wanted[key] = true;
          if (!layer.tiles[key]) layer.tiles[key] = tile(layer, factor, col * span, row * span, span);
        }
      }
      // Tiles that left the view go: the page keeps only what is on screen.
      for (var old in layer.tiles) {
        if (!wanted[old]) {
          var gone = layer.tiles[old];
          layer.count--;
          if (gone.getAttribute("data-loaded")) layer.loaded--; else pending--;
          gone.remove();
          delete layer.tiles[old];
        }
      }
      if (layer.loaded === layer.count) dropLayersBut(layer);
    }

    function tile(layer, factor, left, top, span) {
      var w = Math.min(span, fullWidth - left), h = Math.min(span, fullHeight - top);
      var img = document.createElement("img");
      img.className = "replica__tile";
      img.alt = "";
      img.decoding = "async";
      img.style.left = (left / fullWidth) * 100 + "%";
      img.style.top = (top / fullHeight) * 100 + "%";
      img.style.width = (w / fullWidth) * 100 + "%";
      img.style.height = (h / fullHeight) * 100 + "%";
      layer.count++;
      pending++;
      img.addEventListener("load", function () { done(layer, img); });
      img.addEventListener("error", function () { done(layer, img); });
      img.src = service + "/" + [left, top, w, h].join(",") + "/" + Math.max(1, Math.ceil(w / factor)) +
        ",/0/default.jpg";
      layer.element.appendChild(img);
      return img;
    }

    // Once the tiles of the wanted level are in, coarser and finer layers go.
    function done(layer, img) {
      if (!img.parentNode) return;
      img.setAttribute("data-loaded", "1");
      pending--;
      layer.loaded++;
      viewer.setAttribute("data-tiles-pending", String(pending));
      if (layers[level] === layer && layer.loaded === layer.count) dropLayersBut(layer);
    }

    function dropLayersBut(kept) {
      for (var factor in layers) {
        if (layers[factor] !== kept) {
          layers[factor].element.remove();
          delete layers[factor];
        }
      }
    }

    // Mouse wheel and trackpad.
    viewer.addEventListener("wheel", function (event) {
      var rect = viewer.getBoundingClientRect();
      if (zoom === 1 && event.deltaY > 0) return;
      event.preventDefault();
      zoomBy(Math.exp(-event.deltaY * 0.002), event.clientX - rect.left, event.clientY - rect.top);
    }, { passive: false });

    // One finger or the mouse drags; two fingers pinch. A press that did not move stays a click.
    var pointers = {};
    var gesture = null;
    var moved = false;
    function points() {
      var list = [];
      for (var id in pointers) list.push(pointers[id]);
      return list;
    }
    function begin() {
      var list = points();
      var rect = viewer.getBoundingClientRect();
      if (list.length === 1) {
        gesture = { kind: "drag", startX: list[0].x, startY: list[0].y, x: x, y: y };
      } else if (list.length === 2) {
        var mx = (list[0].x + list[1].x) / 2 - rect.left, my = (list[0].y + list[1].y) / 2 - rect.top;
        gesture = {
          kind: "pinch", distance: Math.hypot(list[0].x - list[1].x, list[0].y - list[1].y) || 1,
          zoom: zoom, px: (mx - x) / zoom, py: (my - y) / zoom
        };
      } else {
        gesture = null;
      }
    }
    viewer.addEventListener("pointerdown", function (event) {
      if (event.pointerType === "mouse" && event.button !== 0) return;
      pointers[event.pointerId] = { x: event.clientX, y: event.clientY };
      moved = false;
      begin();
    });
    viewer.addEventListener("pointermove", function (event) {
      if (!pointers[event.pointerId] || !gesture) return;
      pointers[event.pointerId] = { x: event.clientX, y: event.clientY };
      var list = points();
      if (gesture.kind === "drag" && list.length === 1) {
        var dx = list[0].x - gesture.startX, dy = list[0].y - gesture.startY;
        if (!moved && Math.hypot(dx, dy) < DRAG_SLOP) return;
        if (!moved) viewer.setPointerCapture(event.pointerId);
        moved = true;
        set(zoom, gesture.x + dx, gesture.y + dy);
      } else if (gesture.kind === "pinch" && list.length === 2) {
        moved = true;
        var rect = viewer.getBoundingClientRect();
        var distance = Math.hypot(list[0].x - list[1].x, list[0].y - list[1].y);
        var target = Math.min(MAX_ZOOM, Math.max(1, gesture.zoom * distance / gesture.distance));
        var mx = (list[0].x + list[1].x) / 2 - rect.left, my = (list[0].y + list[1].y) / 2 - rect.top;
        set(target, mx - gesture.px * target, my - gesture.py * target);
      }
    });
    function end(event) {
      if (!pointers[event.pointerId]) return;
      delete pointers[event.pointerId];
      begin();
    }
    viewer.addEventListener("pointerup", end);
    viewer.addEventListener("pointercancel", end);
    // A drag that ends over a story is not a click on it.
    viewer.addEventListener("click", function (event) {
      if (moved) {
        event.preventDefault();
        event.stopPropagation();
        moved = false;
      }
    }, true);
    viewer.addEventListener("dragstart", function (event) { event.preventDefault(); });

    viewer.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      var box = size();
      var stepX = box.width / 8, stepY = box.height / 8;
      switch (event.key) {
        case "+": case "=": zoomBy(STEP); break;
        case "-": case "_": zoomBy(1 / STEP); break;
        case "0": set(1, 0, 0); break;
        case "ArrowLeft": set(zoom, x + stepX, y); break;
        case "ArrowRight": set(zoom, x - stepX, y); break;
        case "ArrowUp": set(zoom, x, y + stepY); break;
        case "ArrowDown": set(zoom, x, y - stepY); break;
        default: return;
      }
      event.preventDefault();
    });

    window.addEventListener("scroll", schedule, { passive: true });
    window.addEventListener("resize", function () { set(zoom, x, y); });

    fetch(viewer.getAttribute("data-info"))
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (info) {
        if (info && info.tiles && info.tiles.length) {
          tileSide = info.tiles[0].width || tileSide;
          factors = info.tiles[0].scaleFactors || factors;
          if (info.width) fullWidth = info.width;
          if (info.height) fullHeight = info.height;
        }
        set(zoom, x, y);
      })
      .catch(function () { set(zoom, x, y); });
    set(1, 0, 0);
  }

  var viewers = document.querySelectorAll(".replica__viewer[data-info]");
  for (var i = 0; i < viewers.length; i++) start(viewers[i]);
})();
