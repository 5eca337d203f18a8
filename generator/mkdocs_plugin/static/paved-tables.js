/* Paved: sortable, filterable tables, served by the portal itself (no CDN, no library).

   Contract with the page templates and with authors of docs/ pages:

     <div class="paved-table" data-filters="Domain,Status" markdown="1">

     | Id | Domain | Status |
     |----|--------|--------|
     ...

     </div>

   - every table inside a .paved-table gets click-to-sort headers (a button in each <th>,
     aria-sort set; numbers and dates sort as such);
   - a .paved-table with a data-filters attribute (even empty) also gets a text filter box
     over the whole row and one <select> per column named in data-filters (by its header
     text), and says how many rows are shown.

   Cell text is read with textContent and written back only as textContent or option
   values: the script never turns table content into markup. */
(function () {
  "use strict";

  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  function cellText(cell) {
    return (cell ? cell.textContent : "").replace(/\s+/g, " ").trim();
  }

  /* The values a cell holds for a select: each link, tag or list item when it holds
     several, else its whole text. "a, b" lists of tags count as several values. */
  function cellValues(cell) {
    if (!cell) return [];
    var parts = cell.querySelectorAll("a, li, .md-tag, code");
    var values = [];
    if (parts.length > 1) {
      parts.forEach(function (part) { values.push(cellText(part)); });
    } else {
      cellText(cell).split(/\s*,\s*/).forEach(function (value) { values.push(value); });
    }
    return values.filter(function (value) { return value && value !== "—"; });
  }

  function rowsOf(table) {
    var body = table.tBodies[0];
    return body ? Array.prototype.slice.call(body.rows) : [];
  }

  function headers(table) {
    var head = table.tHead && table.tHead.rows[0];
    return head ? Array.prototype.slice.call(head.cells) : [];
  }

  function sortKey(text) {
    var number = text.replace(/[\s,%]/g, "");
    if (/^-?\d+(\.\d+)?$/.test(number)) return { n: parseFloat(number) };
    return { s: text };
  }

  function compare(a, b) {
    if ("n" in a && "n" in b) return a.n - b.n;
    if ("n" in a) return -1;
    if ("n" in b) return 1;
    return collator.compare(a.s, b.s);
  }

  function makeSortable(table) {
    headers(table).forEach(function (th, index) {
      if (th.querySelector(".paved-table__sort")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "paved-table__sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers(table).forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = rowsOf(table);
        var keyed = rows.map(function (row, position) {
          return { row: row, key: sortKey(cellText(row.cells[index])), position: position };
        });
        keyed.sort(function (a, b) {
          var order = compare(a.key, b.key) || a.position - b.position;
          return ascending ? order : -order;
        });
        var body = table.tBodies[0];
        keyed.forEach(function (item) { body.appendChild(item.row); });
      });
    });
  }

  function makeFilterable(wrapper, table) {
    if (wrapper.querySelector(".paved-table__filters")) return;
    var names = (wrapper.getAttribute("data-filters") || "")
      .split(",").map(function (name) { return name.trim(); }).filter(Boolean);
    var heads = headers(table).map(function (th) { return cellText(th).toLowerCase(); });
    var bar = document.createElement("div");
    bar.className = "paved-table__filters";
    var search = document.createElement("input");
    search.type = "search";
    search.className = "paved-table__search md-input";
    search.placeholder = "Filter rows";
    search.setAttribute("aria-label", "Filter the table's rows");
    bar.appendChild(search);
    var selects = [];
    names.forEach(function (name) {
      var column = heads.indexOf(name.toLowerCase());
      if (column < 0) return;
      var values = {};
      rowsOf(table).forEach(function (row) {
        cellValues(row.cells[column]).forEach(function (value) { values[value] = true; });
      });
      var select = document.createElement("select");
      select.className = "paved-table__select";
      select.setAttribute("aria-label", "Filter by " + name);
      select.setAttribute("data-column", name);
      var all = document.createElement("option");
      all.value = "";
      all.textContent = name + ": all";
      select.appendChild(all);
      Object.keys(values).sort(collator.compare).forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value;
        select.appendChild(option);
      });
      bar.appendChild(select);
      selects.push({ select: select, column: column });
    });
    var count = document.createElement("span");
    count.className = "paved-table__count";
    count.setAttribute("aria-live", "polite");
    bar.appendChild(count);
    wrapper.insertBefore(bar, wrapper.firstChild);

    function apply() {
      var needle = search.value.trim().toLowerCase();
      var rows = rowsOf(table);
      var shown = 0;
      rows.forEach(function (row) {
        var visible = !needle || cellText(row).toLowerCase().indexOf(needle) >= 0;
        selects.forEach(function (item) {
          if (visible && item.select.value) {
            visible = cellValues(row.cells[item.column]).indexOf(item.select.value) >= 0;
          }
        });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      count.textContent = shown === rows.length
        ? rows.length + " rows"
        : shown + " of " + rows.length + " rows";
    }
    search.addEventListener("input", apply);
    selects.forEach(function (item) { item.select.addEventListener("change", apply); });
    apply();
  }

  function enhance() {
    document.querySelectorAll(".paved-table").forEach(function (wrapper) {
      var table = wrapper.querySelector("table");
      if (!table || wrapper.getAttribute("data-paved-table") === "ready") return;
      wrapper.setAttribute("data-paved-table", "ready");
      makeSortable(table);
      if (wrapper.hasAttribute("data-filters")) makeFilterable(wrapper, table);
    });
  }

  // Material's instant navigation swaps the page without a load event: follow document$.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(enhance);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
