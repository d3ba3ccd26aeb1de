#!/usr/bin/env python3
"""html-browser.py — open generated HTML pages in headless Chromium at given
window widths, check in the browser's own layout that they read well, and
optionally save screenshots (docs/html.md, "Checked in a browser").

    html-browser.py [--chromium PATH] [--widths 1280,390] [--shots DIR]
                    [--height PX] PAGE[#FRAGMENT]...

For each page and width the page is laid out as a phone (below 600 px, with
the viewport meta tag honoured) or a laptop would, and these are checked:

  - the page itself does not scroll sideways (wide tables scroll inside
    their .pm-table wrapper instead);
  - no word, id, number or level in the text is broken across two lines:
    every run of non-space characters is laid out on one line, except a
    CVSS vector (.pm-vector), which may break only right after a "/", and a
    hyphenated lower-case word ("multi-patient"), which may break after its
    hyphen;
  - no table cell's content is wider than the cell.

Every problem is printed as "PAGE @WIDTH: what"; the exit status is 1 when
there is one, 0 when there is none, 2 on a usage or browser error.  With
--shots, DIR/<page>-<width>.png shows the page from FRAGMENT's element (or
from the top), --height pixels high.

Chromium is driven over its DevTools protocol on a pipe
(--remote-debugging-pipe): no network port, no extra package.
"""
import argparse
import base64
import fcntl
import json
import os
import select
import shutil
import sys
import tempfile
import time

CHECK_JS = r"""
(() => {
  const bad = [];
  const doc = document.documentElement;
  const W = doc.clientWidth;
  if (doc.scrollWidth > W + 1)
    bad.push(`the page is ${doc.scrollWidth}px wide in a ${W}px window: it scrolls sideways`);
  const main = document.querySelector('main') || document.body;
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  const lines = (r) => new Set([...r.getClientRects()].filter(x => x.width > 0.5)
                                 .map(x => Math.round(x.top + x.height / 2))).size;
  let reported = 0;
  for (let t = walker.nextNode(); t && reported < 200; t = walker.nextNode()) {
    const el = t.parentElement;
    /* figure captions are the figure code's (gen/render_html.c make_figures) */
    if (!el || el.closest('pre, script, style, .pm-caption') || !el.getClientRects().length) continue;
    const vector = el.closest('.pm-vector, .pm-path');
    const re = vector ? /[^\/\s]+\/?/g : /\S+/g;
    let m;
    while ((m = re.exec(t.data))) {
      let parts = [m[0]];
      if (!vector && /^[(\["']?[A-Za-z]+(-[A-Za-z]+)+[)\].,;:"']*$/.test(m[0]) && /[a-z]/.test(m[0]))
        parts = m[0].split(/(?<=-)/);  /* "Multi-patient": a word may break after its "-" */
      let at = m.index;
      for (const p of parts) {
        const r = document.createRange();
        r.setStart(t, at);
        r.setEnd(t, at + p.length);
        at += p.length;
        if (lines(r) > 1) {
          bad.push(`"${p}" is broken across lines` + (el.closest('td, th') ? ' in a table cell' : ''));
          reported++;
        }
      }
    }
  }
  for (const cell of main.querySelectorAll('td, th')) {
    if (cell.scrollWidth > cell.clientWidth + 1) {
      bad.push(`a table cell's content is wider than the cell: "${cell.textContent.trim().slice(0, 40)}"`);
      if (++reported >= 200) break;
    }
  }
  return bad;
})()
"""


class Browser:
    """One headless Chromium, spoken to over the DevTools pipe."""

    def __init__(self, path, timeout):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="pm-chromium-")
        to_r, to_w = os.pipe()
        from_r, from_w = os.pipe()
        # above 4, so that dup2 onto 3 and 4 always makes a new descriptor
        hi = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (to_r, from_w)]
        for fd in (to_r, from_w):
            os.close(fd)
        args = [path, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--remote-debugging-pipe", "--user-data-dir=" + self.profile, "about:blank"]
        devnull = os.open(os.devnull, os.O_RDWR)
        self.pid = os.posix_spawn(path, args, os.environ, file_actions=[
            (os.POSIX_SPAWN_DUP2, hi[0], 3), (os.POSIX_SPAWN_DUP2, hi[1], 4),
            (os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)])
        for fd in hi + [devnull]:
            os.close(fd)
        self.w, self.r = to_w, from_r
        self.buf = b""
        self.next_id = 0
        self.events = []

    def _read(self, deadline):
        while b"\0" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.r], [], [], left)[0]:
                raise RuntimeError("chromium did not answer in time")
            chunk = os.read(self.r, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            m = self._read(deadline)
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error'].get('message')}")
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, method, session):
        deadline = time.monotonic() + self.timeout
        while True:
            for i, m in enumerate(self.events):
                if m.get("method") == method and m.get("sessionId") == session:
                    del self.events[i]
                    return m
            self.events.append(self._read(deadline))

    def close(self):
        try:
            self.call("Browser.close")
        except (RuntimeError, OSError):
            pass
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if os.waitpid(self.pid, os.WNOHANG)[0]:
                break
            time.sleep(0.1)
        else:
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
        os.close(self.w)
        os.close(self.r)
        shutil.rmtree(self.profile, ignore_errors=True)


def open_page(b, url, width, height):
    target = b.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    s = b.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    b.call("Page.enable", session=s)
    b.call("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}, session=s)
    b.call("Page.navigate", {"url": url}, session=s)
    b.wait_event("Page.loadEventFired", s)
    return target, s


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    ap.add_argument("--widths", default="1280,390")
    ap.add_argument("--shots")
    ap.add_argument("--height", type=int, default=2000)
    ap.add_argument("pages", nargs="+")
    a = ap.parse_args()
    if not a.chromium:
        print("html-browser.py: no chromium", file=sys.stderr)
        return 2
    scale = max(1, int(os.environ.get("PM_TIMEOUT_SCALE", "1") or 1))
    widths = [int(w) for w in a.widths.split(",")]
    problems = 0
    b = Browser(a.chromium, 60 * scale)
    try:
        for page in a.pages:
            path, _, frag = page.partition("#")
            url = "file://" + os.path.abspath(path)
            name = os.path.splitext(os.path.basename(path))[0]
            for w in widths:
                target, s = open_page(b, url, w, 900)
                r = b.call("Runtime.evaluate", {"expression": CHECK_JS, "returnByValue": True}, session=s)
                for p in r.get("result", {}).get("value", []) or []:
                    print(f"{path} @{w}: {p}")
                    problems += 1
                if a.shots:
                    # the window a.height high, scrolled to the fragment's element
                    b.call("Emulation.setDeviceMetricsOverride", {
                        "width": w, "height": a.height, "deviceScaleFactor": 1, "mobile": w < 600}, session=s)
                    if frag:
                        js = f"(() => {{ const e = document.getElementById({json.dumps(frag)}); " \
                             "if (e) window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 8); " \
                             "return window.scrollY; })()"
                        b.call("Runtime.evaluate", {"expression": js, "returnByValue": True}, session=s)
                    shot = b.call("Page.captureScreenshot", {"format": "png"}, session=s)
                    out = os.path.join(a.shots, f"{name}-{w}.png")
                    with open(out, "wb") as f:
                        f.write(base64.b64decode(shot["data"]))
                    print(out)
                b.call("Target.closeTarget", {"targetId": target})
    except RuntimeError as e:
        print(f"html-browser.py: {e}", file=sys.stderr)
        return 2
    finally:
        b.close()
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
