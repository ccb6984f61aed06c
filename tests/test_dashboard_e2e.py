"""End-to-end: ``plpbk dashboard`` served for real and driven in Debian's headless Chromium.

Playwright drives the system's ``/usr/bin/chromium`` (``executable_path``; nothing is
downloaded). Without a browser these tests skip, unless ``PLPBK_REQUIRE_BROWSER=1``
(set by CI), where a missing browser is a failure.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = os.environ.get("PLPBK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REQUIRE_BROWSER = os.environ.get("PLPBK_REQUIRE_BROWSER") == "1"


def plpbk() -> list[str]:
    exe = Path(sys.executable).with_name("plpbk")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "simulator.cli"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise AssertionError(
                f"dashboard exited early with {proc.returncode}: {proc.stderr.read() if proc.stderr else ''}"
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"dashboard did not answer on {url} within {timeout} s")


def stop(proc: subprocess.Popen) -> tuple[int, str]:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    err = proc.stderr.read() if proc.stderr else ""
    return proc.returncode, err


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, subprocess.Popen]]:
    port = free_port()
    proc = subprocess.Popen(
        [*plpbk(), "dashboard", "kendal", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_http(url, proc)
        yield url, proc
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        msg = f"no browser at {CHROMIUM} (apt-get install chromium)"
        if REQUIRE_BROWSER:
            pytest.fail(msg + "; PLPBK_REQUIRE_BROWSER=1")
        pytest.skip(msg)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if REQUIRE_BROWSER:
            pytest.fail("playwright is not installed; PLPBK_REQUIRE_BROWSER=1")
        pytest.skip("playwright is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def chart_png(page, which: str = "sector") -> bytes:
    return page.locator(f".plpbk-chart-{which} img").screenshot()


def wait_changed(get, old, timeout: float = 20.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        new = get()
        if new != old:
            return new
        time.sleep(0.25)
    raise AssertionError("nothing changed on the page")


def test_dashboard_in_a_real_browser(server, browser, tmp_path):
    url, _proc = server
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    hosts: set[str] = set()
    page.on("request", lambda r: hosts.add(urlparse(r.url).netloc) if r.url.startswith("http") else None)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    counter = page.locator(".plpbk-counter")
    counter.wait_for(timeout=60_000)
    assert "step 0 of 20" in counter.inner_text()
    page.locator(".plpbk-chart-sector img").wait_for()
    chart0 = chart_png(page)

    # Step: the counter and the chart change
    page.locator(".plpbk-step").click()
    page.wait_for_function(
        "() => document.querySelector('.plpbk-counter').innerText.includes('step 1 of 20')", timeout=20_000
    )
    chart1 = wait_changed(lambda: chart_png(page), chart0)

    # move a lever slider: the value shown changes, Reset applies it (a policy run appears)
    lever = page.locator(".plpbk-param-levers-marketing_push")
    lever.scroll_into_view_if_needed()
    assert lever.locator(".plpbk-param-value").inner_text() == "0"
    track = lever.locator(".v-slider")
    box = track.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] * 0.8, box["y"] + box["height"] / 2)
    page.wait_for_function(
        "() => document.querySelector('.plpbk-param-levers-marketing_push .plpbk-param-value').innerText !== '0'",
        timeout=10_000,
    )
    moved = float(lever.locator(".plpbk-param-value").inner_text())
    assert 0.6 < moved < 1.0
    assert page.locator(".plpbk-kpi-policy").count() == 0  # baseline only, until Reset
    page.locator(".plpbk-reset").click()
    page.wait_for_function("() => document.querySelectorAll('.plpbk-kpi-policy').length === 5", timeout=20_000)
    page.wait_for_function(
        "() => document.querySelector('.plpbk-counter').innerText.includes('step 0 of 20')", timeout=20_000
    )

    # Step twice with baseline and policy side by side
    for n in (1, 2):
        page.locator(".plpbk-step").click()
        page.wait_for_function(
            f"() => document.querySelector('.plpbk-counter').innerText.includes('step {n} of 20')", timeout=20_000
        )
    wait_changed(lambda: chart_png(page), chart1)
    page.locator(".plpbk-chart-sector img").scroll_into_view_if_needed()
    shot = tmp_path / "dashboard.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000

    # a second tab is its own session: its model has not moved
    other = browser.new_page(viewport={"width": 1366, "height": 768})
    other.goto(url)
    other.locator(".plpbk-counter").wait_for(timeout=60_000)
    assert "step 0 of 20" in other.locator(".plpbk-counter").inner_text()
    assert "step 2 of 20" in counter.inner_text()
    other.close()

    # offline: every request went to the dashboard itself (front-end bundled, no CDN)
    assert hosts == {urlparse(url).netloc}, hosts
    assert not errors, errors
    page.close()


def test_structure_dropdown_in_a_real_browser(server, browser):
    """Pick "fixed" trust in the Model structure section, Reset, then read it in Bahasa Indonesia."""
    url, _proc = server
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.locator(".plpbk-counter").wait_for(timeout=60_000)
    page.locator(".v-expansion-panel-header", has_text="Model structure").click()
    box = page.locator(".plpbk-structure-structure-trust")
    box.scroll_into_view_if_needed()
    assert "learned (default)" in box.inner_text()
    box.locator(".v-select__slot").click()
    page.get_by_role("option", name="fixed", exact=True).click()
    page.wait_for_function("() => document.body.innerText.includes('Model structure (1 changed)')", timeout=10_000)
    assert page.locator(".v-alert").count() == 1  # "applied on Reset"
    page.locator(".plpbk-reset").click()
    page.wait_for_function("() => document.querySelectorAll('.v-alert').length === 0", timeout=20_000)
    assert "step 0 of 20" in page.locator(".plpbk-counter").inner_text()
    # the same choice, in Bahasa Indonesia
    page.locator(".plpbk-lang button", has_text="id").click()
    page.wait_for_function("() => document.body.innerText.includes('Struktur model (1 diubah)')", timeout=10_000)
    # the section's heading and the select's chosen value are re-rendered one after the other
    page.wait_for_function(
        "() => (document.querySelector('.plpbk-structure-structure-trust')?.innerText ?? '').includes('tetap')",
        timeout=10_000,
    )
    assert "tetap" in box.inner_text() and "Cara kepercayaan berubah" in box.inner_text()
    assert not errors, errors
    page.close()


DECIMAL_POINT = r"\d\.\d{1,2}(?!\d)"
"""A number written with a decimal point (``0.35``), not a thousands dot (``1.234``)."""


def test_indonesian_dashboard_shows_decimal_commas(server, browser, tmp_path):
    """Switch to Bahasa Indonesia: slider readouts and headline numbers use a decimal comma, help reads 0–1."""
    import re

    url, _proc = server
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.locator(".plpbk-counter").wait_for(timeout=60_000)
    english = page.locator(".plpbk-param-bkm-coordination .plpbk-param-value").inner_text()
    assert re.fullmatch(r"0\.\d+", english), english
    page.locator(".plpbk-lang button", has_text="id").click()
    page.wait_for_function(
        "() => document.querySelector('.plpbk-counter').innerText.startsWith('Tahun')", timeout=20_000
    )
    # the counter and the parameter readouts are re-rendered one after the other: wait for the readout
    page.wait_for_function(
        "() => document.querySelector('.plpbk-param-bkm-coordination .plpbk-param-value').innerText.includes(',')",
        timeout=20_000,
    )
    readout = page.locator(".plpbk-param-bkm-coordination .plpbk-param-value").inner_text()
    assert readout == english.replace(".", ","), (english, readout)  # 0,4 where English shows 0.4
    for _ in range(3):  # a few years, so that the trust card shows a number
        page.locator(".plpbk-step").click()
    page.wait_for_function(
        "() => document.querySelector('.plpbk-counter').innerText.includes('langkah 3 dari 20')", timeout=20_000
    )
    page.wait_for_function(
        "() => [...document.querySelectorAll('.plpbk-kpi-value')].some(e => /\\d,\\d/.test(e.innerText))",
        timeout=20_000,
    )
    readouts = page.locator(".plpbk-param-value").all_inner_texts()
    kpis = page.locator(".plpbk-kpi-value").all_inner_texts()
    assert any("," in x for x in readouts) and any("," in x for x in kpis), (readouts, kpis)
    sidebar = page.locator(".v-navigation-drawer").inner_text()
    shown = " ".join([*readouts, *kpis, sidebar])
    assert not re.search(DECIMAL_POINT, shown), re.findall(r".{20}" + DECIMAL_POINT + r".{5}", shown)
    assert "Bilangan acak awal (seed)" in sidebar and "rentang ketidakpastian" in sidebar
    # the help of a slider: its range reads 0–1 and its default has a decimal comma
    # (the slider below overlaps the label, so the tooltip's activator gets the mouse event itself)
    page.locator(".plpbk-param-bkm-coordination .plpbk-param-head").dispatch_event("mouseenter")
    tip = page.locator(".v-tooltip__content", has_text="Satuan")
    tip.wait_for(timeout=10_000)
    assert "rentang 0–1" in tip.inner_text() and not re.search(DECIMAL_POINT, tip.inner_text()), tip.inner_text()
    page.locator(".plpbk-chart-sector img").wait_for()
    page.screenshot(path=str(tmp_path / "dashboard-id.png"))
    if os.environ.get("PLPBK_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["PLPBK_SCREENSHOTS"], "dashboard-id.png"), full_page=True)
    assert not errors, errors
    page.close()


def test_port_in_use_is_a_one_line_error():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        r = subprocess.run([*plpbk(), "dashboard", "--port", str(port)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert "already in use" in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "Traceback" not in r.stderr


def test_bad_scenario_is_a_one_line_error():
    r = subprocess.run([*plpbk(), "dashboard", "no-such-place"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "no-such-place" in r.stderr and "Traceback" not in r.stderr


def test_ctrl_c_stops_cleanly():
    port = free_port()
    proc = subprocess.Popen(
        [*plpbk(), "dashboard", "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_http(url, proc)
    finally:
        code, err = stop(proc)
    out = proc.stdout.read() if proc.stdout else ""
    assert f"http://127.0.0.1:{port}/" in out
    assert code in (0, 130), (code, err)
    assert "Traceback" not in err, err


def test_ctrl_c_while_a_session_plays(browser):
    """Play runs in a session thread: Ctrl-C must still stop the server promptly, without a traceback."""
    port = free_port()
    proc = subprocess.Popen(
        [*plpbk(), "dashboard", "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    url = f"http://127.0.0.1:{port}/"
    page = None
    try:
        wait_http(url, proc)
        page = browser.new_page()
        page.goto(url)
        page.locator(".plpbk-play").click()
        page.wait_for_function(
            # Play may advance several years between two renders: wait for any step >= 2
            "() => { const m = document.querySelector('.plpbk-counter').innerText.match(/step (\\d+) of/);"
            " return m !== null && Number(m[1]) >= 2; }",
            timeout=30_000,
        )
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=20)  # before the fix, the Play thread kept the server up until year 20
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if page is not None:
            page.close()
    err = proc.stderr.read() if proc.stderr else ""
    assert code == 130 and "Traceback" not in err, (code, err)


BAND_READY = "document.querySelector('.plpbk-bands-ready')"
BAND_UPDATED = (
    "(old) => { const img = document.querySelector('.plpbk-chart-sector img');"
    f" const ready = {BAND_READY};"
    " return img !== null && img.src !== old && ready !== null && ready.innerText.includes('Reset'); }"
)
"""The sector chart shows new bands: its image changed and the caption says the stepped seed waits for Reset."""


def click_slider(page, name: str, fraction: float) -> None:
    track = page.locator(f".plpbk-param-{name.replace('.', '-')} .v-slider")
    track.scroll_into_view_if_needed()
    box = track.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] * fraction, box["y"] + box["height"] / 2)


def wait_quiet(page, quiet: float = 1.5, timeout: float = 60.0) -> None:
    """Wait until the charts have not been redrawn for ``quiet`` seconds (Reset draws them twice)."""
    img = page.locator(".plpbk-chart-sector img")
    src, since, end = img.get_attribute("src"), time.monotonic(), time.monotonic() + timeout
    while time.monotonic() < end:
        time.sleep(0.1)
        now = img.get_attribute("src")
        if now != src:
            src, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return
    raise AssertionError(f"the charts were still being redrawn after {timeout} s")


def time_band_update(page, name: str, fraction: float) -> float:
    """Seconds from a click on a slider to the charts drawn with the new bands (a measurement, not a test)."""
    old = page.locator(".plpbk-chart-sector img").get_attribute("src")
    start = time.perf_counter()
    click_slider(page, name, fraction)
    page.wait_for_function(BAND_UPDATED, arg=old, timeout=180_000, polling=25)
    return time.perf_counter() - start


def test_bands_follow_a_slider_in_a_real_browser(server, browser):
    """Kendal, 20 seeds: move a slider, wait for the bands to be redrawn, and time it (printed, not asserted)."""
    url, _proc = server
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.locator(".plpbk-counter").wait_for(timeout=60_000)
    assert page.locator(".plpbk-seeds .plpbk-param-value").inner_text() == "20"
    ready = page.locator(".plpbk-bands-ready")
    ready.wait_for(timeout=180_000)  # the first bands: 20 seeds of the baseline
    assert "mean over 20 seeds (1–20)" in ready.inner_text() and "Reset" not in ready.inner_text()
    wait_quiet(page)

    # Each click lands on a new value, so no run comes from the cache. Without a policy an enabler
    # reruns the baseline (20 runs); a lever reruns the policy only (20 runs, the baseline's are kept);
    # with a policy, an enabler reruns both (40 runs).
    cases = (
        ("enabler, baseline only (20 runs)", "bkm.coordination", (0.3, 0.5, 0.7)),
        ("lever, policy only (20 runs)", "levers.consistent_team", (0.3, 0.5, 0.7)),
        ("enabler, baseline and policy (40 runs)", "bkm.coordination", (0.4, 0.6, 0.8)),
    )
    report: dict[str, list[float]] = {}
    for case, name, fractions in cases:
        for fraction in fractions:
            report.setdefault(case, []).append(time_band_update(page, name, fraction))
            page.locator(".plpbk-reset").click()  # the stepped seed takes the values: "Reset" leaves the caption
            page.wait_for_function(f"() => !({BAND_READY}?.innerText ?? 'Reset').includes('Reset')", timeout=60_000)
            wait_quiet(page)  # so that a measurement does not include the redrawing after Reset
    assert page.locator(".plpbk-kpi-policy").count() == 5
    lines = [f"  {case}: median {sorted(v)[1]:.2f}; {', '.join(f'{x:.2f}' for x in v)}" for case, v in report.items()]
    print("\ndashboard bands, kendal, 20 seeds, slider click to charts redrawn (s):\n" + "\n".join(lines))
    out = Path(__file__).resolve().parent.parent / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "dashboard_bands.json").write_text(
        json.dumps({"scenario": "kendal", "seeds": 20, "seconds": report, "cpus": os.cpu_count()}, indent=2)
    )
    assert not errors, errors
    page.close()
