#!/usr/bin/env python3
"""Renders tracklint's HTML reports in headless Chromium and checks that opening one is safe.

Usage: check_reports.py TRACKLINT OUTPUT_FOLDER [SHARED_CORPUS]

For each report (hostile fixtures, a platform's newsletter, a text-only message, a Mautic test send,
a three-input report, and with the corpus one of its newsletters) it:
  - loads the report from a file:// URL through the DevTools protocol (over --remote-debugging-pipe,
    so no port is opened), with Chromium's own network log written to a file;
  - saves a full-page screenshot as PNG in OUTPUT_FOLDER;
  - asserts from the rendered DOM of every frame that no script ran (the hostile fixtures' scripts
    and handlers would set a `data-script-ran` attribute or the title) and that the report has the
    verdicts, customer answers, sections and preview frames it should;
  - asserts that no request left the page: no DevTools network event other than the report itself,
    and no URL request, DNS lookup or socket in Chromium's network log.

A control run opens the hostile fixture itself, unsanitised, in the same browser: the same checks
must see its scripts run and its requests go out, or they prove nothing.
"""
import base64
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from checklist import Checklist  # noqa: E402 (Tests/checklist.py)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
MARKER = "data-script-ran"


class Browser:
    """One headless Chromium, driven over the DevTools pipe (fd 3 in, fd 4 out)."""

    def __init__(self, profile, net_log):
        to_browser_read, self.to_browser = os.pipe()
        self.from_browser, from_browser_write = os.pipe()
        arguments = [
            CHROMIUM, "--headless=new", "--remote-debugging-pipe", "--disable-gpu", "--no-first-run",
            "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-default-apps", "--disable-extensions", "--metrics-recording-only",
            "--disable-domain-reliability", "--disable-client-side-phishing-detection", "--safebrowsing-disable-auto-update",
            "--disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication,NetworkTimeServiceQuerying",
            f"--user-data-dir={profile}", f"--log-net-log={net_log}", "--net-log-capture-mode=Default",
            "--hide-scrollbars", "--window-size=1280,900", "about:blank",
        ]
        if os.geteuid() == 0:
            arguments.insert(1, "--no-sandbox")

        def attach_pipe():
            os.dup2(to_browser_read, 3)
            os.dup2(from_browser_write, 4)

        self.process = subprocess.Popen(arguments, pass_fds=(3, 4), preexec_fn=attach_pipe,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_read)
        os.close(from_browser_write)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.time() + timeout
        while time.time() < deadline:
            reply = self.read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)
        raise TimeoutError(method)

    def read(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_for(self, method, timeout=30):
        for event in self.events:
            if event.get("method") == method:
                return event
        deadline = time.time() + timeout
        while time.time() < deadline:
            event = self.read()
            self.events.append(event)
            if event.get("method") == method:
                return event
        raise TimeoutError(method)

    def settle(self, seconds):
        """Takes events for a while (late requests, child frames attaching)."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            ready, _, _ = select.select([self.from_browser], [], [], max(0, deadline - time.time()))
            if ready:
                self.events.append(self.read())

    def close(self):
        try:
            self.send("Browser.close", timeout=10)
        except Exception:
            pass
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def render(url, screenshot):
    """Opens a URL in a fresh browser; returns what the checks need."""
    workdir = tempfile.mkdtemp(prefix="tracklint-chromium-")
    net_log = os.path.join(workdir, "netlog.json")
    browser = Browser(os.path.join(workdir, "profile"), net_log)
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        sessions = [session]
        for method in ("Page.enable", "Network.enable", "Runtime.enable", "DOM.enable"):
            browser.send(method, session=session)
        # Frames in other processes (a sandboxed frame can be one) attach as their own sessions.
        browser.send("Target.setAutoAttach", {"autoAttach": True, "waitForDebuggerOnStart": False, "flatten": True},
                     session=session)
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session=session)
        browser.send("Page.navigate", {"url": url}, session=session)
        browser.wait_for("Page.loadEventFired")
        browser.settle(1.5)
        for event in browser.events:
            if event.get("method") == "Target.attachedToTarget" and event["params"]["sessionId"] != session:
                child = event["params"]["sessionId"]
                try:
                    browser.send("Network.enable", session=child)
                    sessions.append(child)
                except RuntimeError:
                    pass  # the frame is gone already (the raw fixture navigates away)
        browser.settle(0.5)

        # The DOM as rendered, read without running any script in the page: the top document
        # with the frames of its process (pierce), and each frame in a process of its own (a
        # sandboxed frame is one) from its own session.
        document = browser.send("DOM.getDocument", {"depth": -1, "pierce": True}, session=session)["root"]
        frames = []
        for child in sessions[1:]:
            try:
                frames.append(browser.send("DOM.getDocument", {"depth": -1, "pierce": True}, session=child)["root"])
            except RuntimeError:
                pass  # detached meanwhile
        metrics = browser.send("Page.getLayoutMetrics", session=session)
        height = min(int(metrics["cssContentSize"]["height"]), 16000)
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": 1280, "height": height, "deviceScaleFactor": 1, "mobile": False}, session=session)
        browser.settle(0.3)
        shot = browser.send("Page.captureScreenshot", {"format": "png"}, session=session)
        with open(screenshot, "wb") as out:
            out.write(base64.b64decode(shot["data"]))
        events = list(browser.events)
    finally:
        browser.close()
    with open(net_log, encoding="utf-8", errors="replace") as handle:
        text = handle.read()
    shutil.rmtree(workdir, ignore_errors=True)
    return {"document": document, "events": events, "net_log": parse_net_log(text), "frames": frames}


def parse_net_log(text):
    """Chromium's net log, which may lack its closing brackets when the browser was killed."""
    text = text.rstrip()
    for ending in ("", "]}", "}]}", "\n]}"):
        try:
            return json.loads(text + ending)
        except json.JSONDecodeError:
            continue
    if text.endswith(","):
        return json.loads(text[:-1] + "]}")
    raise ValueError("unreadable net log")


def walk(node):
    yield node
    for child in node.get("children", []) + ([node["contentDocument"]] if "contentDocument" in node else []):
        yield from walk(child)
    for key in ("shadowRoots", "templateContent"):
        value = node.get(key)
        for child in (value if isinstance(value, list) else [value] if value else []):
            yield from walk(child)


def attributes(node):
    values = node.get("attributes", [])
    return dict(zip(values[0::2], values[1::2]))


def nodes(result):
    """Every node of the rendered page: the top document and every frame's."""
    for document in [result["document"]] + result["frames"]:
        yield from walk(document)


def scripts_that_ran(result):
    """Markers a hostile script or handler left on an element, in any frame."""
    return [attributes(node)[MARKER] for node in nodes(result) if MARKER in attributes(node)]


def requests_made(result, report_url):
    """Requests the page made, from DevTools events and from Chromium's net log, and the browser's
    own background requests (update checks, account lists), which the log marks as initiated by
    no origin."""
    seen = []
    for event in result["events"]:
        if event.get("method") == "Network.requestWillBeSent":
            url = event["params"]["request"]["url"]
            if url != report_url:
                seen.append("devtools: " + url)
    log = result["net_log"]
    event_types = {value: name for name, value in log.get("constants", {}).get("logEventTypes", {}).items()}
    background_hosts = set()
    lookups = []
    for event in log.get("events", []):
        kind = event_types.get(event.get("type"), "")
        params = event.get("params", {}) or {}
        if kind == "URL_REQUEST_START_JOB" and "url" in params:
            url = str(params.get("url", "?"))
            if params.get("initiator") == "not an origin":
                background_hosts.add(urllib.parse.urlsplit(url).hostname)
            else:
                seen.append("net log: request " + url)
        elif kind == "HOST_RESOLVER_MANAGER_REQUEST" and "host" in params:
            host = str(params.get("host", ""))
            lookups.append(urllib.parse.urlsplit(host).hostname or host)
    # A lookup is the page's unless the browser requested that host itself (a <link rel=dns-prefetch>
    # or a preconnect makes a lookup without a request).
    seen += ["net log: DNS " + host for host in lookups if host not in background_hosts]
    return sorted(set(seen)), sorted(host for host in background_hosts if host)


def text_of(result, frames_only=False):
    documents = result["frames"] if frames_only else [result["document"]] + result["frames"]
    return " ".join(node.get("nodeValue", "") for document in documents for node in walk(document)
                    if node.get("nodeType") == 3)


def count(result, predicate):
    return sum(1 for node in nodes(result) if predicate(node))


def reports_to_render(fixtures, scratch, corpus):
    """Each report's name and inputs: our fixtures, and with the corpus one of its newsletters."""
    hostile = os.path.join(fixtures, "report", "hostile.html")
    # A file name is input too.
    hostile_name = os.path.join(scratch, "<img src=x onerror=\"document.body.setAttribute('data-script-ran','path')\">.html")
    shutil.copy(hostile, hostile_name)
    reports = {
        "hostile": [hostile, os.path.join(fixtures, "report", "hostile.eml"), hostile_name],
        "mailchimp-newsletter": [os.path.join(fixtures, "platforms", "mailchimp.eml")],
        "text-only": [os.path.join(fixtures, "messages", "text-only.eml")],
        "mautic-test-send": [os.path.join(fixtures, "messages", "mautic-test-send.eml")],
        "three-inputs": [os.path.join(fixtures, "demo", "broken-template.html"),
                         os.path.join(fixtures, "messages", "mautic-test-send.eml"),
                         os.path.join(fixtures, "messages", "text-only.eml")],
    }
    if corpus:
        reports["corpus-newsletter"] = [os.path.join(corpus, "messages", "unspy-newsletters", "mailchimp-schreibsuchti.u1.eml")]
    else:
        print("check_reports: no corpus given, so no report of a corpus newsletter (make test SHARED=path adds it)")
    return reports


def main():
    tracklint, output = (os.path.abspath(argument) for argument in sys.argv[1:3])
    corpus = os.path.abspath(sys.argv[3]) if len(sys.argv) > 3 else None
    if not CHROMIUM:
        print("check_reports: chromium not found (make test installs Debian's chromium package)", file=sys.stderr)
        return 2
    os.makedirs(output, exist_ok=True)
    checklist = Checklist("check_reports")
    check = checklist.check
    fixtures = os.path.join(os.getcwd(), "Fixtures")
    scratch = tempfile.mkdtemp(prefix="tracklint-reports-")
    hostile = os.path.join(fixtures, "report", "hostile.html")
    reports = reports_to_render(fixtures, scratch, corpus)

    print("controls: the hostile fixture opened raw in the same browser")
    raw = render("file://" + hostile, os.path.join(output, "control-hostile-raw.png"))
    requests, _ = requests_made(raw, "file://" + hostile)
    check(any("meta-refresh" in r for r in requests), "the checks see the raw fixture's <meta> refresh navigate")
    # Without its refresh, the page stays: its scripts run and its resources load.
    staying = os.path.join(scratch, "hostile-without-refresh.html")
    with open(hostile, encoding="utf-8") as source, open(staying, "w", encoding="utf-8") as copy:
        copy.write("".join(line for line in source if 'http-equiv="refresh"' not in line))
    raw = render("file://" + staying, os.path.join(output, "control-hostile-without-refresh.png"))
    ran = scripts_that_ran(raw)
    check(len(ran) > 0, f"the DOM check sees the raw fixture's scripts run ({', '.join(sorted(set(ran)))})")
    requests, _ = requests_made(raw, "file://" + staying)
    for source in ("devtools", "net log: request", "net log: DNS"):
        found = [r for r in requests if r.startswith(source)]
        check(len(found) >= 3, f"{source} sees the raw fixture's requests ({len(found)})")

    for name, inputs in reports.items():
        report = os.path.join(output, f"{name}.html")
        run = subprocess.run([tracklint, "check", "--format", "html", "--output", report] + inputs,
                             capture_output=True, text=True)
        written = run.returncode in (0, 1) and os.path.exists(report)
        check(written, f"{name}: report written, tracklint exit {run.returncode} {run.stderr.strip()[:200]}")
        if not written:
            continue
        url = "file://" + report
        result = render(url, os.path.join(output, f"{name}.png"))
        ran = scripts_that_ran(result)
        check(not ran, f"{name}: no script ran ({', '.join(ran) or 'no marker in any frame'})")
        requests, background = requests_made(result, url)
        check(not requests, f"{name}: no request left the page ({'; '.join(requests[:5]) or 'none in DevTools or the net log'}; "
                            f"the browser's own: {', '.join(background) or 'none'})")
        frames = count(result, lambda node: node.get("nodeName") == "IFRAME")
        sandboxed = count(result, lambda node: node.get("nodeName") == "IFRAME" and attributes(node).get("sandbox") == "")
        check(frames == sandboxed, f"{name}: every preview frame is sandboxed without permissions ({sandboxed}/{frames})")
        active = count(result, lambda node: node.get("nodeName") in ("SCRIPT", "svg", "OBJECT", "EMBED", "BASE", "FORM", "LINK")
                       or (node.get("nodeName") == "META" and attributes(node).get("http-equiv", "").lower() == "refresh"))
        check(active == 0, f"{name}: no script, svg, object, embed, base, form, link or refresh in any frame ({active})")
        handlers = sorted({key for node in nodes(result) for key in attributes(node) if key.lower().startswith("on")})
        check(not handlers, f"{name}: no event-handler attribute in any frame ({', '.join(handlers) or 'none'})")
        sections = count(result, lambda node: node.get("nodeName") == "SECTION" and "input" in attributes(node).get("class", "").split())
        check(sections == len(inputs), f"{name}: one section per input ({sections} of {len(inputs)})")
        answers = count(result, lambda node: node.get("nodeName") == "TEXTAREA" and "readonly" in attributes(node))
        check(answers == len(inputs), f"{name}: a read-only customer answer per input ({answers} of {len(inputs)})")
        text = text_of(result)
        check("Summary" in text and all(concern in text for concern in ("Open tracking", "Click tracking", "Unsubscribe")),
              f"{name}: a summary and verdicts for open tracking, click tracking and unsubscribe")
        texts = count(result, lambda node: node.get("nodeName") == "PRE" and "text-preview" in attributes(node).get("class", ""))
        check(frames + texts >= len(inputs), f"{name}: a preview per input ({frames} frames, {texts} text)")
        if frames:
            shown = len(text_of(result, frames_only=True).strip())
            check(len(result["frames"]) == frames and shown > 0,
                  f"{name}: every preview frame rendered the body ({len(result['frames'])}/{frames} frames, {shown} characters)")

    shutil.rmtree(scratch, ignore_errors=True)
    print(f"screenshots in {output}")
    return checklist.finish("all reports render with no script and no request")


if __name__ == "__main__":
    sys.exit(main())
