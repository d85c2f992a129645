"""Look at the HTML report in a real browser: screenshots at 1280 and 390 px, a PDF print, the
time to render, and a measurement of sideways scrolling and label sizes at each width.

    python bench/report_screenshots.py [--out DIR] [--corpus DIR ...] [--report FILE ...]

Renders `factlint report` of the bundled claims/ (and of each --corpus, such as a kept
10,000-file bench corpus: `python bench/bench.py --files 10000 --runs 1 --no-peers --keep DIR`)
and drives Debian's headless Chromium (`apt-get install chromium`) over the DevTools protocol on
a pipe (no port, no network):
  <name>-<width>-<section>.png  the top of the page and of each section, at 1280 px (desktop)
                                and 390 px (a phone: mobile viewport emulation)
  <name>.pdf                    the browser's print of the page (A4)
and prints, per width, the time from navigation to the first frame after load, whether the
page is wider than the screen (document scrollWidth against the width: a phone would scroll
sideways or zoom out), the elements that stick out, and the SVG labels drawn under 11 px.
Skips with a message (exit 0) when Chromium is absent. Timings live here, never in tests.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
FACTLINT = str(Path(sys.executable).parent / "factlint")
WIDTHS = ((1280, 900, False), (390, 844, True))  # width, height, mobile
SECTIONS = ("top", "conflicts", "sources", "findings", "claims")
SHOT_HEIGHT = 1800
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--mute-audio", "--hide-scrollbars")

# What the page measures about itself. Elements inside a box that scrolls on its own
# (overflow-x: auto) may be wider than the screen: only the page must not be.
MEASURE = """
(function (width) {
  var root = document.documentElement, wide = [];
  var all = document.body.querySelectorAll("*");
  function scrolls(el) {
    for (var p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      var o = getComputedStyle(p).overflowX;
      if (o === "auto" || o === "scroll" || o === "hidden") { return true; }
    }
    return false;
  }
  for (var i = 0; i < all.length && wide.length < 6; i++) {
    var box = all[i].getBoundingClientRect();
    if (box.right > width + 1 && !scrolls(all[i])) {
      wide.push(all[i].tagName.toLowerCase() + (all[i].className ? "." + all[i].className : "")
                + " right=" + Math.round(box.right));
    }
  }
  var small = 0, labels = document.querySelectorAll("svg text"), least = null;
  for (var j = 0; j < labels.length; j++) {
    var px = parseFloat(getComputedStyle(labels[j]).fontSize);
    var svg = labels[j].ownerSVGElement, scale = 1;
    if (svg && svg.viewBox && svg.viewBox.baseVal && svg.viewBox.baseVal.width) {
      scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    }
    var shown = px * scale;
    if (least === null || shown < least) { least = shown; }
    if (shown < 11) { small++; }
  }
  var sections = {};
  ["conflicts", "sources", "findings", "claims"].forEach(function (id) {
    var el = document.getElementById(id);
    if (el) { sections[id] = el.getBoundingClientRect().top + scrollY; }
  });
  return JSON.stringify({scrollWidth: root.scrollWidth, width: width,
    overflow: root.scrollWidth > width, wide: wide, svgLabels: labels.length,
    svgLabelsUnder11px: small, smallestSvgLabelPx: least, height: root.scrollHeight,
    sections: sections});
})
"""


class Browser:
    """Headless Chromium over --remote-debugging-pipe: requests on fd 3, replies on fd 4,
    each message JSON ended by a NUL byte."""

    def __init__(self, executable: str) -> None:
        self.profile = tempfile.mkdtemp(prefix="factlint-chromium-")
        to_browser_r, to_browser_w = os.pipe()
        from_browser_r, from_browser_w = os.pipe()
        # Parked high so that placing them at 3 and 4 in the child cannot clobber each other.
        high_r, high_w = os.dup2(to_browser_r, 200), os.dup2(from_browser_w, 201)

        def place() -> None:
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        self.process = subprocess.Popen(
            [executable, *FLAGS, "--remote-debugging-pipe", f"--user-data-dir={self.profile}",
             "about:blank"],
            pass_fds=(3, 4, high_r, high_w), preexec_fn=place,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for fd in (to_browser_r, from_browser_w, high_r, high_w):
            os.close(fd)
        self.writer, self.reader = to_browser_w, from_browser_r
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget",
                                 {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable", session=True)

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self.buffer:
            chunk = os.read(self.reader, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method: str, params: dict[str, Any] | None = None,
             session: bool = False) -> dict[str, Any]:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        data = json.dumps(message).encode() + b"\0"
        while data:
            data = data[os.write(self.writer, data):]
        while True:
            reply = self._read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, event: str) -> None:
        while True:
            if any(e.get("method") == event for e in self.events):
                self.events = [e for e in self.events if e.get("method") != event]
                return
            self.events.append(self._read())

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True}, session=True)
        return result["result"].get("value")

    def open(self, url: str, width: int, height: int, mobile: bool,
             frame: bool = True) -> float:
        """Load `url` at this viewport; seconds to the first frame after the load event."""
        self.call("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
            session=True)
        started = time.perf_counter()
        self.call("Page.navigate", {"url": url}, session=True)
        self.wait_for("Page.loadEventFired")
        if frame:  # not with scripts off: no animation frame would ever answer
            self.evaluate("new Promise(function (done) { requestAnimationFrame(function () {"
                          " setTimeout(done, 0); }); })")
        return time.perf_counter() - started

    def scripts_off_display(self, url: str, element_id: str) -> str:
        """The computed display of an element with the page's own scripts off."""
        self.call("Emulation.setScriptExecutionDisabled", {"value": True}, session=True)
        try:
            self.open(url, 1280, 900, False, frame=False)
            shown = self.evaluate(f"(function () {{ var el = document.getElementById("
                                  f"{json.dumps(element_id)}); return el ? getComputedStyle(el)"
                                  f".display : 'absent'; }})()")
        finally:
            self.call("Emulation.setScriptExecutionDisabled", {"value": False}, session=True)
        return str(shown)

    def screenshot(self, path: Path, top: float, width: int, height: int) -> None:
        shot = self.call("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": top, "width": width, "height": height, "scale": 1}},
            session=True)
        path.write_bytes(base64.b64decode(shot["data"]))

    def pdf(self, path: Path) -> None:
        printed = self.call("Page.printToPDF", {
            "paperWidth": 8.27, "paperHeight": 11.69, "printBackground": False,
            "displayHeaderFooter": False, "transferMode": "ReturnAsBase64"}, session=True)
        path.write_bytes(base64.b64decode(printed["data"]))

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, OSError):
            self.call("Browser.close")
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self.writer)
        os.close(self.reader)
        shutil.rmtree(self.profile, ignore_errors=True)


def browser() -> str | None:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def render_report(corpus: Path, paths: list[str], out: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run([FACTLINT, "report", *paths, "-o", str(out)], cwd=corpus,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"factlint report failed in {corpus}: {result.stderr.strip()}")
    return time.perf_counter() - started


def shoot(chromium: Browser, report: Path, name: str, out: Path) -> list[str]:
    """Screenshots, measurements and the PDF of one report; the problems found, in words."""
    problems = []
    for width, height, mobile in WIDTHS:
        took = chromium.open(report.as_uri(), width, height, mobile)
        measured = json.loads(chromium.evaluate(f"{MEASURE}({width})"))
        print(f"{name} at {width} px: rendered in {took:.2f}s, page {measured['height']} px tall,"
              f" scrollWidth {measured['scrollWidth']} (sideways scroll: "
              f"{'YES' if measured['overflow'] else 'no'}), {measured['svgLabels']} SVG labels,"
              f" smallest {measured['smallestSvgLabelPx']} px, "
              f"{measured['svgLabelsUnder11px']} under 11 px")
        if measured["overflow"]:
            problems.append(f"{name} scrolls sideways at {width} px: {measured['wide']}")
        if measured["svgLabelsUnder11px"]:
            problems.append(f"{name}: {measured['svgLabelsUnder11px']} SVG labels under 11 px "
                            f"at {width} px")
        tops = {"top": 0.0, **measured["sections"]}
        for section in SECTIONS:
            if section in tops:
                png = out / f"{name}-{width}-{section}.png"
                tall = min(SHOT_HEIGHT, max(1, measured["height"] - int(tops[section])))
                chromium.screenshot(png, tops[section], width, tall)
                print(f"  {png}")
    filters = chromium.scripts_off_display(report.as_uri(), "filters")
    print(f"{name} with scripts off: the filter box is display: {filters}")
    if filters not in ("none", "absent"):
        problems.append(f"{name}: the filter box shows with scripts off ({filters})")
    pdf = out / f"{name}.pdf"
    started = time.perf_counter()
    try:
        chromium.pdf(pdf)
    except RuntimeError as exc:  # Chromium gives up printing a page of millions of pixels
        problems.append(f"{name} does not print: {exc}")
        return problems
    print(f"  {pdf} ({pdf.stat().st_size / 1e6:.2f} MB, printed in "
          f"{time.perf_counter() - started:.1f}s)")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir())
                        / "factlint-report-screenshots", help="where the files go")
    parser.add_argument("--corpus", type=Path, action="append", default=[],
                        help="also report on this corpus directory (its own .factlint.toml)")
    parser.add_argument("--report", type=Path, action="append", default=[],
                        help="shoot this HTML report as it is instead (repeatable)")
    args = parser.parse_args()
    executable = browser()
    if executable is None:
        print("skipped: Chromium not found (Debian: apt-get install chromium)")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    targets: list[tuple[str, Path]] = [(r.stem, r.resolve()) for r in args.report]
    if not args.report:
        jobs = [("claims", REPO, ["claims"])]
        jobs += [(c.resolve().name, c.resolve(), []) for c in args.corpus]
        for name, corpus, paths in jobs:
            report = args.out / f"{name}.html"
            took = render_report(corpus, paths, report)
            print(f"{report}: written in {took:.1f}s, {report.stat().st_size / 1e6:.2f} MB")
            targets.append((name, report))
    chromium = Browser(executable)
    problems: list[str] = []
    try:
        for name, report in targets:
            problems += shoot(chromium, report, name, args.out)
    finally:
        chromium.close()
    for problem in problems:
        print(f"PROBLEM: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
