"use strict";
// Field names, values, raw text and issues come from documents and the model: untrusted text. Every node is built
// with createElement, textContent and attribute setters; never innerHTML.
(() => {
  const $ = id => document.getElementById(id);
  const state = { view: "needsReview", queue: [], continuation: null, unreadable: null, doc: null, etag: null, pages: [], names: [], types: {}, selected: -1, editing: null, draft: null, busy: false, confirmFlagged: null };
  const conflictText = "Someone else changed this document since you opened it — reload to see their changes, then save again.";

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function button(className, text, onClick) {
    const node = el("button", className, text);
    node.type = "button";
    node.addEventListener("click", onClick);
    return node;
  }

  function shown(value) {
    if (value === null || value === undefined) return "";
    if (Array.isArray(value)) return value.map(shown).join("; ");
    return typeof value === "string" ? value : JSON.stringify(value);
  }

  function baseName(path) {
    const parts = String(path).split(/[\\/]/);
    return parts[parts.length - 1];
  }

  class ApiError extends Error {
    constructor(status, body) {
      super(body.message || "HTTP " + status);
      this.status = status;
      this.code = body.code;
      this.body = body;
    }
  }

  async function api(path, init) {
    const response = await fetch(path, init);
    let body;
    try {
      body = await response.json();
    } catch {
      body = { message: "HTTP " + response.status };
    }
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
  }

  function write(path, body) {
    return api(path, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Docpipe-Review": "1", "If-Match": "\"" + state.etag + "\"" },
      body: JSON.stringify(body),
    });
  }

  function documentPath(suffix) {
    return "api/documents/" + encodeURIComponent(state.doc.documentId) + suffix;
  }

  function showMessage(text, kind, withReload) {
    $("message").className = kind || "error";
    $("message-text").textContent = text;
    $("reload").hidden = !withReload;
    $("message").hidden = false;
  }

  function clearMessage() {
    $("message").hidden = true;
  }

  function failed(error) {
    showMessage(error.code ? error.message + " [" + error.code + "]" : error.message);
  }

  // Queue

  // One request per page: the first page on load and on a change of view, schema or search; "next page" appends the
  // page after it (the continuation token); a save updates its line here instead of asking again.
  async function loadQueue(more) {
    const params = new URLSearchParams({ view: state.view, limit: "50" });
    if ($("schema").value) params.set("schema", $("schema").value);
    if ($("search").value.trim()) params.set("q", $("search").value.trim());
    if (more) params.set("continuation", state.continuation);
    const result = await api("api/queue?" + params);
    state.queue = more ? state.queue.concat(result.documents) : result.documents;
    state.continuation = result.truncated ? result.continuation : null;
    state.unreadable = { count: result.unreadable || 0, records: result.unreadableRecords || [] };
    renderQueue();
  }

  function renderQueue() {
    const list = $("queue-list");
    list.replaceChildren();
    if (state.unreadable && state.unreadable.count > 0) list.append(unreadableEntry(state.unreadable));
    if (state.queue.length === 0) list.append(el("li", "empty", "No documents here."));
    for (const item of state.queue) {
      const kind = item.status === "reviewed" ? "reviewed" : item.fieldsToReview > 0 ? "needs-review" : "";
      const open = button(kind, undefined, () => openDocument(item.documentId).catch(failed));
      open.dataset.id = item.documentId;
      open.append(
        el("span", "source", baseName(item.source)),
        el("span", "meta", item.schema + " · " + item.status + " · " + item.fieldsToReview + " to review · " + item.pageCount + " page(s)"));
      const row = el("li");
      row.append(open);
      list.append(row);
    }
    markCurrentInQueue();
    $("queue-more").hidden = !state.continuation;
  }

  function unreadableEntry(unreadable) {
    const entry = el("li", "unreadable");
    entry.append(el("strong", null, unreadable.count + (unreadable.count === 1 ? " record could not be read" : " records could not be read")));
    for (const record of unreadable.records) {
      const line = el("span", "meta");
      line.append(el("span", "source", record.documentId), el("span", null, record.problem), el("span", "fix", record.fix));
      entry.append(line);
    }
    return entry;
  }

  function updateQueueLine(document, etag) {
    const item = state.queue.find(line => line.documentId === document.documentId);
    if (!item) return;
    const summary = document.queue || {};
    item.status = document.status;
    item.fieldsToReview = summary.fieldsToReview ?? item.fieldsToReview;
    item.fieldsReviewed = summary.fieldsReviewed ?? item.fieldsReviewed;
    item.needsReview = item.fieldsToReview > 0;
    item.updatedAt = document.updatedAt;
    item.etag = etag;
    const stillInView = state.view === "needsReview" ? item.status !== "reviewed" && item.fieldsToReview > 0
      : state.view === "reviewed" ? item.status === "reviewed" : true;
    if (!stillInView) state.queue = state.queue.filter(line => line !== item);
    renderQueue();
  }

  function markCurrentInQueue() {
    for (const node of $("queue-list").querySelectorAll("button")) {
      node.setAttribute("aria-current", String(state.doc !== null && node.dataset.id === state.doc.documentId));
    }
  }

  async function loadSchemas() {
    for (const name of await api("api/schemas")) {
      const option = el("option", null, name);
      option.value = name;
      $("schema").append(option);
    }
  }

  function openNeighbour(step) {
    const index = state.doc ? state.queue.findIndex(item => item.documentId === state.doc.documentId) : -1;
    const next = state.queue[index + step];
    if (next) openDocument(next.documentId).catch(failed);
  }

  // Document

  async function openDocument(id, keepSelection) {
    const body = await api("api/documents/" + encodeURIComponent(id));
    const previous = keepSelection && state.doc && state.doc.documentId === id ? state.names[state.selected] : null;
    clearMessage();
    state.doc = body.document;
    state.etag = body.etag;
    state.pages = body.pages;
    state.types = body.fieldTypes || {};
    state.confirmFlagged = null;
    state.names = Object.keys(state.doc.fields);
    state.editing = null;
    renderPages();
    renderDocument();
    if (body.interrupted) showMessage("Interrupted run: the latest run of this document stopped before it finished. The values shown are from the earlier run; your decisions are kept and the next run takes them over.", "info", false);
    const index = previous ? state.names.indexOf(previous) : state.names.findIndex(name => needsLook(state.doc.fields[name]));
    select(Math.max(index, 0));
    markCurrentInQueue();
  }

  function reviewable() {
    const doc = state.doc;
    return doc !== null && doc.status !== "failed" && Object.keys(doc.fields).length > 0
      && (doc.fieldsRunId !== null && doc.fieldsRunId !== undefined || doc.status === "completed" || doc.status === "reviewed");
  }

  function typeOf(name) {
    return state.types[name] || { type: "string" };
  }

  function needsLook(field) {
    return field.needsReview && !field.reviewed;
  }

  function renderPages() {
    const holder = $("pages");
    holder.replaceChildren();
    for (const p of state.pages) {
      const page = el("div", "page");
      page.dataset.page = String(p.page);
      if (p.image) {
        const image = el("img");
        image.alt = "page " + p.page;
        image.width = p.width;
        image.height = p.height;
        image.src = p.image;
        page.append(image);
      } else {
        page.append(el("p", "empty", "No image of page " + p.page + " was kept."));
      }
      holder.append(page);
    }
    drawBoxes();
  }

  function drawBoxes() {
    for (const box of document.querySelectorAll(".box")) box.remove();
    for (const name of state.names) {
      const field = state.doc.fields[name];
      const locations = field.itemLocations ? field.itemLocations.filter(Boolean) : field.location ? [field.location] : [];
      for (const location of locations) addBoxes(name, location, "box");
      (field.alternatives || []).forEach((alternative, index) => {
        if (alternative.location) addBoxes(name, alternative.location, "box alternative", index);
      });
    }
  }

  function addBoxes(name, location, className, alternative) {
    const page = state.pages.find(p => p.page === location.page);
    const holder = Array.from($("pages").children).find(node => node.dataset.page === String(location.page));
    if (!page || !holder || !page.width || !page.height) return;
    for (const [left, top, right, bottom] of location.boxes) {
      const box = el("div", className);
      box.dataset.field = name;
      if (alternative !== undefined) {
        box.dataset.alternative = String(alternative);
        box.dataset.key = String(alternative + 1);
      }
      box.style.left = (100 * left / page.width) + "%";
      box.style.top = (100 * top / page.height) + "%";
      box.style.width = (100 * (right - left) / page.width) + "%";
      box.style.height = (100 * (bottom - top) / page.height) + "%";
      holder.append(box);
    }
  }

  function renderDocument() {
    const doc = state.doc;
    const approval = doc.review && doc.review.approvedBy ? " · approved by " + doc.review.approvedBy : "";
    const stale = doc.review && doc.review.fieldsStale > 0 ? " · " + doc.review.fieldsStale + " reviewed field(s) need a new look" : "";
    $("document-head").replaceChildren(
      el("div", "title", baseName(doc.source.name)),
      el("div", "meta", doc.schema.name + " v" + doc.schema.version + " · " + doc.status + approval + stale));
    $("fields").replaceChildren(...state.names.map((name, index) => renderField(name, doc.fields[name], index)));
    renderRules(doc.rules || []);
    $("approve").hidden = !reviewable();
    $("withdraw").hidden = !(reviewable() && doc.review && doc.review.approvedBy);
  }

  function renderRules(rules) {
    const list = $("rules");
    list.replaceChildren();
    list.hidden = rules.length === 0;
    for (const rule of rules) {
      const item = el("li", "rule " + rule.status);
      item.append(el("span", "status", rule.status), el("span", "text", rule.rule));
      if (rule.detail) item.append(el("span", "detail", rule.detail));
      list.append(item);
    }
  }

  function renderTable(rows) {
    const table = el("table", "rows");
    const columns = rows.length > 0 ? Object.keys(rows[0]) : [];
    const head = el("tr");
    for (const column of columns) head.append(el("th", null, column));
    table.append(head);
    for (const row of rows) {
      const line = el("tr");
      for (const column of columns) line.append(el("td", null, shown(row[column])));
      table.append(line);
    }
    return table;
  }

  function renderField(name, field, index) {
    const row = el("li", "field" + (field.reviewed ? " is-reviewed" : needsLook(field) ? " needs-review" : ""));
    row.dataset.field = name;
    const head = el("div", "head");
    head.append(el("span", "name", name), el("span", "state", stateText(field)));
    row.append(head);
    const model = field.model || { value: field.value };
    const isTable = typeOf(name).type === "table";
    if (isTable && Array.isArray(field.value) && field.value.length > 0) {
      const holder = el("div", "value");
      holder.append(renderTable(field.value));
      row.append(holder);
    } else {
      row.append(el("div", "value", field.found || field.review ? shown(field.value) : "(not found)"));
    }
    if (field.review && field.review.action !== "accepted") row.append(el("div", "original", "model: " + shown(model.value)));
    if (field.reviewOffer && !field.review && reviewable()) {
      const offer = el("div", "offer");
      offer.append(el("span", null, "reviewed in v" + field.reviewOffer.schemaVersion + " by " + field.reviewOffer.reviewer + ": " + shown(field.reviewOffer.value) + " "),
        button("take-offer", "Take it (o)", () => { select(index); takeOffer(); }));
      row.append(offer);
    }
    if (field.review && field.review.stale) row.append(el("div", "stale", "model now says: " + shown(model.value) + " (the reviewer's value stays in force until you decide)"));
    if (field.raw) row.append(el("div", "raw", "raw: " + field.raw));
    row.append(el("div", "meta", metaText(field)));
    if (field.issue) row.append(el("div", "issue", "issue: " + field.issue));
    if (field.alternatives && field.alternatives.length > 0) row.append(renderAlternatives(field.alternatives, index));
    if (reviewable()) {
      const actions = el("div", "actions");
      actions.append(
        button("accept", "Accept (a)", () => { select(index); accept(); }),
        button("edit-button", "Edit (e)", () => { select(index); startEdit(); }));
      row.append(actions);
    }
    row.addEventListener("click", event => {
      if (!event.target.closest("button, input")) select(index);
    });
    return row;
  }

  function renderAlternatives(alternatives, fieldIndex) {
    const list = el("ol", "alternatives");
    alternatives.forEach((alternative, index) => {
      const details = " (" + Number(alternative.confidence).toFixed(2) + (alternative.grounding ? ", " + alternative.grounding.replaceAll("_", " ") : "") + ")";
      const pick = button("alternative", undefined, () => { select(fieldIndex); pickAlternative(index); });
      pick.dataset.alternative = String(index);
      pick.disabled = !reviewable();
      pick.append(el("span", "key", index < 3 ? String(index + 1) : ""), el("span", "text", shown(alternative.value)), el("span", "details", details));
      const item = el("li");
      item.append(pick);
      list.append(item);
    });
    return list;
  }

  function stateText(field) {
    if (field.review && field.review.stale) return "stale: " + field.review.action + " by " + field.review.reviewer + ", model changed since";
    if (field.reviewed && field.review) return field.review.action + " by " + field.review.reviewer;
    return needsLook(field) ? "to review" : "not reviewed";
  }

  function metaText(field) {
    const parts = ["confidence " + Number(field.confidence).toFixed(2)];
    if (field.page) parts.push("page " + field.page);
    if (field.grounding) parts.push(field.grounding.replaceAll("_", " "));
    if (field.location) parts.push(field.location.match + " match " + Number(field.location.score).toFixed(2));
    return parts.join(" · ");
  }

  function fieldRow(name) {
    return Array.from($("fields").children).find(node => node.dataset.field === name);
  }

  function select(index) {
    if (index < 0 || index >= state.names.length) return;
    if (state.editing && state.editing !== state.names[index]) cancelEdit();
    state.selected = index;
    const name = state.names[index];
    for (const node of document.querySelectorAll(".selected")) node.classList.remove("selected");
    const row = fieldRow(name);
    row.classList.add("selected");
    row.scrollIntoView({ block: "nearest" });
    const boxes = Array.from(document.querySelectorAll(".box")).filter(box => box.dataset.field === name);
    for (const box of boxes) box.classList.add("selected");
    const main = boxes.find(box => !box.classList.contains("alternative")) || boxes[0];
    if (main) main.scrollIntoView({ block: "center", inline: "nearest" });
  }

  function move(step) {
    select(Math.min(Math.max(state.selected + step, 0), state.names.length - 1));
  }

  // Review actions

  function startEdit(text) {
    const name = state.names[state.selected];
    if (name === undefined || !reviewable()) return;
    if (typeOf(name).type === "table") {
      startTableEdit(name);
      return;
    }
    const field = state.doc.fields[name];
    const row = fieldRow(name);
    let input = row.querySelector("input.edit");
    if (!input) {
      input = el("input", "edit");
      input.type = "text";
      input.maxLength = 4000;
      input.setAttribute("aria-label", "new value of " + name);
      const preview = el("div", "preview");
      input.addEventListener("keydown", event => {
        event.stopPropagation();
        if (event.key === "Enter") {
          event.preventDefault();
          saveField(name, { action: "edited", value: typedValue(name, input.value) }, input);
        } else if (event.key === "Escape") {
          event.preventDefault();
          cancelEdit();
        }
      });
      let previewTimer = 0;
      input.addEventListener("input", () => {
        clearTimeout(previewTimer);
        previewTimer = setTimeout(() => showPreview(name, input, preview), 200);
      });
      row.append(input, preview);
    }
    input.value = text !== undefined ? text : shown(field.value);
    state.editing = name;
    input.focus();
    input.select();
  }

  // What the server's normaliser makes of the typed text, before anything is saved.
  async function showPreview(name, input, preview) {
    const value = typedValue(name, input.value);
    try {
      const result = await write(documentPath("/fields/" + encodeURIComponent(name) + "/preview"), { value });
      if (input.isConnected) {
        preview.className = "preview ok";
        preview.textContent = "will be saved as: " + (result.value === null ? "(no value)" : shown(result.value)) + (result.currency ? " " + result.currency : "");
      }
    } catch (error) {
      if (input.isConnected) {
        preview.className = "preview refused";
        preview.textContent = error.message;
      }
    }
  }

  function startTableEdit(name) {
    const field = state.doc.fields[name];
    const columns = (typeOf(name).columns || []).map(column => column.name);
    const row = fieldRow(name);
    if (row.querySelector(".table-edit")) return;
    const editor = el("div", "table-edit");
    const grid = el("table", "rows");
    const head = el("tr");
    for (const column of columns) head.append(el("th", null, column));
    head.append(el("th"));
    grid.append(head);
    const addRow = values => {
      const line = el("tr", "edit-row");
      for (const column of columns) {
        const cell = el("td");
        const input = el("input", "cell");
        input.type = "text";
        input.maxLength = 4000;
        input.dataset.column = column;
        input.setAttribute("aria-label", column);
        input.value = values ? shown(values[column]) : "";
        input.addEventListener("keydown", event => {
          event.stopPropagation();
          if (event.key === "Enter") { event.preventDefault(); saveTable(name, grid, editor); }
          else if (event.key === "Escape") { event.preventDefault(); cancelEdit(); }
        });
        cell.append(input);
        line.append(cell);
      }
      const remove = el("td");
      remove.append(button("delete-row", "Delete row", () => line.remove()));
      line.append(remove);
      grid.append(line);
    };
    for (const values of Array.isArray(field.value) ? field.value : []) addRow(values);
    editor.append(grid,
      button("add-row", "Add row", () => addRow(null)),
      button("save-table", "Save table", () => saveTable(name, grid, editor)),
      button("cancel-table", "Cancel", () => cancelEdit()));
    row.append(editor);
    state.editing = name;
    const first = editor.querySelector("input");
    if (first) first.focus();
  }

  function saveTable(name, grid) {
    const rows = Array.from(grid.querySelectorAll("tr.edit-row")).map(line => {
      const values = {};
      for (const input of line.querySelectorAll("input.cell")) values[input.dataset.column] = input.value.trim() === "" ? null : input.value;
      return values;
    });
    saveField(name, { action: "edited", value: rows }, null);
  }

  function cancelEdit() {
    const row = state.editing ? fieldRow(state.editing) : null;
    if (row) for (const node of row.querySelectorAll("input.edit, .preview, .table-edit")) node.remove();
    state.editing = null;
  }

  // Text goes to the server as typed: the field type's normaliser reads it there. A list is typed as "a; b; c";
  // an empty box means "no value".
  function typedValue(name, text) {
    if (text.trim() === "") return null;
    if (typeOf(name).type === "list") return text.split(";").map(item => item.trim()).filter(item => item.length > 0);
    return text;
  }

  function takeOffer() {
    const name = state.names[state.selected];
    const offer = name === undefined ? null : state.doc.fields[name].reviewOffer;
    if (offer && reviewable()) saveField(name, { action: "edited", value: offer.value });
  }

  function accept() {
    const name = state.names[state.selected];
    if (name !== undefined && reviewable()) saveField(name, { action: "accepted" });
  }

  function pickAlternative(index) {
    const name = state.names[state.selected];
    const alternatives = name === undefined ? [] : state.doc.fields[name].alternatives || [];
    if (index < alternatives.length && reviewable()) saveField(name, { action: "alternative", alternative: index });
  }

  async function saveField(name, body, input) {
    if (state.busy) return;
    state.busy = true;
    try {
      applySaved(await write(documentPath("/fields/" + encodeURIComponent(name)), body));
      state.draft = null;
      state.confirmFlagged = null;
      move(1);
    } catch (error) {
      if (error.code === "review.conflict") {
        state.draft = input ? { field: name, text: input.value } : null;
        showMessage(conflictText + (input ? " Your value is kept in the box." : ""), "error conflict", true);
      } else {
        failed(error);
      }
    } finally {
      state.busy = false;
    }
  }

  async function approve() {
    if (state.busy || !reviewable()) return;
    state.busy = true;
    try {
      const body = state.confirmFlagged !== null ? { acceptFlagged: state.confirmFlagged } : {};
      applySaved(await write(documentPath("/approve"), body));
      state.confirmFlagged = null;
      showMessage("Approved: every field is reviewed. (Withdraw the approval with the button below the fields.)", "info", false);
    } catch (error) {
      if (error.code === "review.conflict") showMessage(conflictText, "error conflict", true);
      else if (error.code === "review.confirmation_required") {
        state.confirmFlagged = error.body.flaggedFields;
        showMessage(error.body.flaggedFields + " flagged field(s) have not been reviewed. Approving accepts them as shown: press Shift+A again (or Approve) to confirm.", "warning confirm", false);
      } else failed(error);
    } finally {
      state.busy = false;
    }
  }

  async function withdraw() {
    if (state.busy || !reviewable()) return;
    state.busy = true;
    try {
      applySaved(await write(documentPath("/withdraw-approval"), {}));
      showMessage("Approval withdrawn; every field decision is kept.", "info", false);
    } catch (error) {
      if (error.code === "review.conflict") showMessage(conflictText, "error conflict", true);
      else failed(error);
    } finally {
      state.busy = false;
    }
  }

  function applySaved(result) {
    const selected = state.selected;
    state.doc = result.document;
    state.etag = result.etag;
    state.editing = null;
    renderDocument();
    drawBoxes();
    select(selected);
    updateQueueLine(result.document, result.etag);
  }

  async function reload() {
    const draft = state.draft;
    await openDocument(state.doc.documentId, true);
    if (draft && state.names.includes(draft.field)) {
      select(state.names.indexOf(draft.field));
      startEdit(draft.text);
    }
  }

  // Keys and controls

  document.addEventListener("keydown", event => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    const actions = {
      j: () => move(1), ArrowDown: () => move(1), k: () => move(-1), ArrowUp: () => move(-1),
      a: accept, A: approve, e: () => startEdit(), o: takeOffer,
      1: () => pickAlternative(0), 2: () => pickAlternative(1), 3: () => pickAlternative(2),
      n: () => openNeighbour(1), p: () => openNeighbour(-1),
      "/": () => $("search").focus(), "?": () => { $("help").hidden = !$("help").hidden; }, Escape: () => { $("help").hidden = true; },
    };
    const action = Object.hasOwn(actions, event.key) ? actions[event.key] : null;
    if (!action) return;
    event.preventDefault();
    action();
  });

  for (const tab of $("views").querySelectorAll("button")) {
    tab.addEventListener("click", () => {
      state.view = tab.dataset.view;
      for (const other of $("views").querySelectorAll("button")) other.setAttribute("aria-selected", String(other === tab));
      loadQueue().catch(failed);
    });
  }

  let searchTimer = 0;
  $("search").addEventListener("input", () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => loadQueue().catch(failed), 250);
  });
  $("schema").addEventListener("change", () => loadQueue().catch(failed));
  $("queue-next").addEventListener("click", () => loadQueue(true).catch(failed));
  $("reload").addEventListener("click", () => reload().catch(failed));
  $("approve").addEventListener("click", () => approve());
  $("withdraw").addEventListener("click", () => withdraw());
  $("help-button").addEventListener("click", () => { $("help").hidden = !$("help").hidden; });

  Promise.all([loadSchemas(), loadQueue()]).catch(failed);
})();
