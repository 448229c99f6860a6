"use strict";
// Field values are model output: untrusted text. Everything is built with createElement and textContent; never innerHTML.
(() => {
  const queue = document.getElementById("queue");
  const pages = document.getElementById("pages");
  const fields = document.getElementById("fields");
  const status = document.getElementById("status");

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function shown(value) {
    if (value === null || value === undefined) return "";
    return typeof value === "string" ? value : JSON.stringify(value);
  }

  async function api(path, init) {
    const response = await fetch(path, init);
    const body = await response.json();
    if (!response.ok) throw new Error(body.code + ": " + body.message);
    return body;
  }

  async function loadQueue() {
    const documents = await api("/api/documents");
    queue.replaceChildren();
    for (const d of documents) {
      const button = el("button", d.needsReview ? "review" : "", d.source + " (" + d.status + ")");
      button.dataset.id = d.documentId;
      button.addEventListener("click", () => openDocument(d.documentId));
      queue.append(button);
    }
  }

  function select(name) {
    for (const node of document.querySelectorAll(".selected")) node.classList.remove("selected");
    for (const node of document.querySelectorAll("[data-field]")) {
      if (node.dataset.field === name) node.classList.add("selected");
    }
    const box = Array.from(document.querySelectorAll(".box")).find(b => b.dataset.field === name);
    if (box) box.scrollIntoView({ block: "center" });
  }

  function drawBoxes(name, location, pageSizes) {
    if (!location) return;
    const page = pages.querySelector(".page[data-page='" + Number(location.page) + "']");
    const size = pageSizes.get(Number(location.page));
    if (!page || !size) return;
    for (const b of location.boxes) {
      const box = el("div", "box");
      box.dataset.field = name;
      box.style.left = (100 * b[0] / size.width) + "%";
      box.style.top = (100 * b[1] / size.height) + "%";
      box.style.width = (100 * (b[2] - b[0]) / size.width) + "%";
      box.style.height = (100 * (b[3] - b[1]) / size.height) + "%";
      page.append(box);
    }
  }

  async function save(id, name, input, state) {
    try {
      await api("/api/documents/" + encodeURIComponent(id) + "/fields/" + encodeURIComponent(name) + "/correction", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Docpipe-Review": "1" },
        body: JSON.stringify({ value: input.value }),
      });
      state.textContent = "corrected";
    } catch (e) {
      state.textContent = e.message;
    }
  }

  async function openDocument(id) {
    const { document: doc, pages: pageList } = await api("/api/documents/" + encodeURIComponent(id));
    status.textContent = doc.source.name;
    pages.replaceChildren();
    fields.replaceChildren();
    const sizes = new Map();
    for (const p of pageList) {
      sizes.set(p.page, p);
      const holder = el("div", "page");
      holder.dataset.page = String(p.page);
      const img = el("img");
      img.alt = "page " + p.page;
      img.src = p.image;
      holder.append(img);
      pages.append(holder);
    }
    for (const [name, f] of Object.entries(doc.fields)) {
      const row = el("div", "field");
      row.dataset.field = name;
      row.tabIndex = 0;
      row.append(el("div", "name", name));
      row.append(el("div", "value", f.correction ? shown(f.correction.value) : shown(f.value)));
      row.append(el("div", "meta", "raw: " + shown(f.raw)));
      row.append(el("div", "meta", "confidence " + Number(f.confidence).toFixed(2) + (f.page ? " · page " + f.page : "") + (f.grounding ? " · " + f.grounding : "")));
      if (f.issue) row.append(el("div", "issue", f.issue));
      const input = el("input");
      input.value = f.correction ? shown(f.correction.value) : shown(f.value);
      input.setAttribute("aria-label", "correct " + name);
      const button = el("button", "save", "Save");
      const state = el("span", "state", f.correction ? "corrected" : "");
      button.addEventListener("click", () => save(id, name, input, state));
      row.append(input, button, state);
      row.addEventListener("click", () => select(name));
      fields.append(row);
      drawBoxes(name, f.location, sizes);
    }
  }

  loadQueue().catch(e => { status.textContent = e.message; });
})();
