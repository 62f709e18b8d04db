// The GOV.UK time-out warning: a modal dialog, opened a little before the session ends,
// that lets the person stay signed in. Without JavaScript the long forms say when the
// session ends instead, and a form sent after it has ended is kept for after signing in.

function spoken(seconds) {
  if (seconds >= 60) {
    const minutes = Math.ceil(seconds / 60);
    return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  }
  return `${seconds} second${seconds === 1 ? "" : "s"}`;
}

export function initTimeoutWarning(dialog) {
  if (!dialog || typeof dialog.showModal !== "function") return;
  const warnBefore = Number(dialog.dataset.warnBefore);
  const countdown = dialog.querySelector(".app-timeout-dialog__countdown");
  const spokenText = dialog.querySelector(".app-timeout-dialog__spoken");
  const form = dialog.querySelector(".app-timeout-dialog__form");
  let endsAt = Date.now() + Number(dialog.dataset.endsIn) * 1000;
  let openTimer = null;
  let tick = null;
  let lastSpoken = null;
  let returnFocus = null;

  function secondsLeft() {
    return Math.max(0, Math.round((endsAt - Date.now()) / 1000));
  }

  function update() {
    const left = secondsLeft();
    countdown.textContent = spoken(left);
    // A screen reader hears the time when the dialog opens and then every 20 seconds or
    // so, not a number every second.
    if (lastSpoken === null || lastSpoken - left >= 20) {
      spokenText.textContent = spoken(left);
      lastSpoken = left;
    }
    if (left === 0) ended();
  }

  function open() {
    returnFocus = document.activeElement;
    lastSpoken = null;
    update();
    dialog.showModal();
    tick = window.setInterval(update, 1000);
  }

  function close() {
    window.clearInterval(tick);
    if (dialog.open) dialog.close();
    if (returnFocus && typeof returnFocus.focus === "function") returnFocus.focus();
  }

  function schedule() {
    window.clearTimeout(openTimer);
    const wait = Math.max(0, endsAt - Date.now() - warnBefore * 1000);
    openTimer = window.setTimeout(open, wait);
  }

  function ended() {
    window.clearInterval(tick);
    dialog.querySelector(".app-timeout-dialog__warning").hidden = true;
    dialog.querySelector(".app-timeout-dialog__ended").hidden = false;
    dialog.setAttribute("aria-labelledby", "timeout-dialog-ended-title");
    dialog.setAttribute("aria-describedby", "timeout-dialog-ended-text");
    if (!dialog.open) dialog.showModal();
    dialog.querySelector(".app-timeout-dialog__close").focus();
  }

  async function staySignedIn(event) {
    event.preventDefault();
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    const answer = response.ok && !response.redirected ? await response.json() : null;
    if (!answer) {
      ended();
      return;
    }
    endsAt = Date.now() + answer.ends_in * 1000;
    close();
    schedule();
  }

  form.addEventListener("submit", staySignedIn);
  // Escape means "not now": as in the GOV.UK pattern, it keeps the person signed in.
  dialog.addEventListener("cancel", (event) => {
    if (secondsLeft() > 0) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  dialog.querySelector(".app-timeout-dialog__close").addEventListener("click", close);
  schedule();
}
