// The claim tools on an answer's admin page: turn a selection in the answer's text into offsets.
// The server snaps, checks and does the work; this only fills the claim tools' hidden fields and
// shows the buttons that fit the selection. Loaded as a file: the Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  const panel = document.getElementById("claim-tools");
  const text = panel && panel.querySelector(".claim-text");
  const actions = panel && panel.querySelector(".claim-actions");
  if (!text || !actions) {
    return;
  }
  const pieces = Array.from(text.querySelectorAll("[data-start]"));
  const body = pieces.map((piece) => piece.textContent).join("");
  // The page's offsets count characters, as the server does; the browser's count UTF-16 units, two for a
  // character outside the Basic Multilingual Plane (most emoji). Work in units here; send characters.
  const unitsBefore = [0];
  Array.from(body).forEach((character, index) => unitsBefore.push(unitsBefore[index] + character.length));
  const toUnits = (characters) => unitsBefore[Math.min(Number(characters), unitsBefore.length - 1)];
  const toCharacters = (units) => Array.from(body.slice(0, units)).length;
  const claims = Array.from(text.querySelectorAll("mark[data-claim]")).map((mark) => ({
    mark: mark,
    id: mark.dataset.claim,
    number: mark.dataset.number,
    start: toUnits(mark.dataset.claimStart),
    end: toUnits(mark.dataset.claimEnd),
  }));
  const field = (name) => actions.querySelector(`input[name="${name}"]`);
  const button = (operation) => actions.querySelector(`button[value="${operation}"]`);
  const summary = actions.querySelector(".claim-selection");
  const isWord = (character) => /[\p{L}\p{N}'’_-]/u.test(character || "");
  const hasWords = (words) => /[\p{L}\p{N}]/u.test(words);
  // The sentences come translated from the page: {words}, {number} and {other} are filled in here.
  const say = (name, values) => actions.dataset[name].replace(/\{(\w+)\}/g, (_, key) => values[key]);

  // The offset in the answer's text of a point of the selection, or null outside the text.
  function offsetOf(node, offset) {
    if (node.nodeType === Node.TEXT_NODE) {
      const piece = node.parentElement.closest("[data-start]");
      if (piece && text.contains(piece)) {
        return toUnits(piece.dataset.start) + offset;
      }
      const mark = node.parentElement.closest("mark[data-claim]");
      return mark && text.contains(mark) ? toUnits(mark.dataset.claimEnd) : null;
    }
    if (!text.contains(node) && node !== text) {
      return null;
    }
    const child = node.childNodes[offset];
    const inside = child && (child.matches && child.matches("[data-start]") ? child : child.querySelector && child.querySelector("[data-start]"));
    if (inside) {
      return toUnits(inside.dataset.start);
    }
    const all = node.querySelectorAll ? node.querySelectorAll("[data-start]") : [];
    const last = all[all.length - 1];
    return last ? toUnits(last.dataset.start) + last.textContent.length : null;
  }

  function snap(start, end) {
    while (start > 0 && start < body.length && isWord(body[start - 1]) && isWord(body[start])) start--;
    while (end > 0 && end < body.length && isWord(body[end - 1]) && isWord(body[end])) end++;
    while (start < end && /\s/.test(body[start])) start++;
    while (end > start && /\s/.test(body[end - 1])) end--;
    return [start, end];
  }

  function show(operations, message, values) {
    ["create", "split", "merge", "move"].forEach((operation) => {
      button(operation).hidden = !operations.includes(operation);
    });
    ["start", "end", "at"].forEach((name) => {
      field(name).value = values[name] === undefined ? "" : toCharacters(values[name]);
    });
    ["claim", "other"].forEach((name) => {
      field(name).value = values[name] === undefined ? "" : values[name];
    });
    claims.forEach((claim) => claim.mark.classList.toggle("claim-chosen", [values.claim, values.other].includes(claim.id)));
    summary.textContent = message;
    actions.hidden = !message;
  }

  function quote(start, end) {
    const words = body.slice(start, end);
    return "“" + (words.length > 120 ? words.slice(0, 119) + "…" : words) + "”";
  }

  function update() {
    const selection = document.getSelection();
    if (!selection || selection.rangeCount === 0) {
      return;
    }
    const range = selection.getRangeAt(0);
    if (!text.contains(range.commonAncestorContainer) && range.commonAncestorContainer !== text) {
      return; // a selection elsewhere on the page leaves the tools as they were
    }
    let start = offsetOf(range.startContainer, range.startOffset);
    let end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null) {
      show([], "", {});
      return;
    }
    if (start === end) {
      offerSplit(snap(start, start)[0]);
    } else {
      offerRange(start, end);
    }
  }

  // Offer to split the claim that holds `at` (in units) before the word there.
  function offerSplit(at) {
    const claim = claims.find((claim) => claim.start < at && at < claim.end);
    if (claim && hasWords(body.slice(claim.start, at)) && hasWords(body.slice(at, claim.end))) {
      const words = quote(at, Math.min(at + 30, claim.end));
      show(["split"], say("split", { number: claim.number, words: words }), { at: at, claim: claim.id });
    } else {
      show([], "", {});
    }
  }

  // Offer what fits the words from `start` to `end` (in units): a new claim, new words for one, or a merge.
  function offerRange(start, end) {
    [start, end] = snap(Math.min(start, end), Math.max(start, end));
    if (!hasWords(body.slice(start, end))) {
      show([], "", {});
      return;
    }
    const touched = claims.filter((claim) => claim.start < end && claim.end > start);
    const values = { start: start, end: end };
    if (touched.length === 0) {
      show(["create"], say("selected", { words: quote(start, end) }), values);
    } else if (touched.length === 1) {
      const claim = touched[0];
      show(["move"], say("move", { number: claim.number, words: quote(start, end) }), { ...values, claim: claim.id });
    } else if (touched.length === 2) {
      const [first, second] = touched;
      const words = quote(first.start, second.end);
      show(["merge"], say("merge", { number: first.number, other: second.number, words: words }), {
        ...values,
        claim: first.id,
        other: second.id,
      });
    } else {
      show([], say("tooMany", {}), {});
    }
  }

  document.addEventListener("selectionchange", update);

  // The keyboard's way to the same offers: Tab to a claim; the arrow keys choose the word to split it before,
  // M offers to merge it with the next claim, Enter goes to the button that does it, Escape clears the offer.
  const wordStarts = (claim) => {
    const starts = [];
    for (let at = claim.start + 1; at < claim.end; at++) {
      if (isWord(body[at]) && !isWord(body[at - 1]) && hasWords(body.slice(claim.start, at)) && hasWords(body.slice(at, claim.end))) {
        starts.push(at);
      }
    }
    return starts;
  };
  claims.forEach((claim, index) => {
    let splitAt = null;
    claim.mark.tabIndex = 0;
    claim.mark.setAttribute("aria-describedby", "claim-tools-keys");
    claim.mark.addEventListener("blur", () => {
      splitAt = null;
    });
    claim.mark.addEventListener("keydown", (event) => {
      if (event.altKey || event.ctrlKey || event.metaKey) {
        return;
      }
      if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
        const starts = wordStarts(claim);
        const forward = event.key === "ArrowRight";
        const next = forward ? starts.find((at) => splitAt === null || at > splitAt) : starts.filter((at) => splitAt !== null && at < splitAt).pop();
        if (next !== undefined) {
          splitAt = next;
          offerSplit(next);
        }
      } else if (event.key === "m" || event.key === "M") {
        const following = claims[index + 1];
        if (following) {
          offerRange(claim.start, following.end);
        }
      } else if (event.key === "Enter") {
        const offered = actions.querySelector("button:not([hidden])");
        if (!offered || actions.hidden) {
          return;
        }
        offered.focus();
      } else if (event.key === "Escape") {
        splitAt = null;
        show([], "", {});
      } else {
        return;
      }
      event.preventDefault();
    });
  });
})();
