"""The replica reader in headless Chromium (run by scripts/replica-check against a live server).

Finds the demo edition's printed page with the most stories on it, then checks, without and with
JavaScript, that the page renders, its stories' links open the stories, a search's highlights
lie on printed ink where the overlay says, keyboard zoom loads sharper tiles of only what is in
view, a phone's first view stays under 300 KB without the whole original, and axe-core finds no
serious or critical violation on the replica or an article.
"""

import importlib.util
import io
import os
import json
import re
import sys
import time
import urllib.request

from axe_selenium_python import Axe
from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.actions.wheel_input import ScrollOrigin
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

BASE = sys.argv[1].rstrip("/")
# axe-core 4 as PyPI's axe-playwright-python ships it: axe-selenium-python's own copy is 3.1, which
# predates today's browsers and rules.
AXE_CORE = os.path.join(os.path.dirname(importlib.util.find_spec("axe_playwright_python").origin), "axe.min.js")
failures = []


def check(condition, what):
    print(("ok    " if condition else "FAIL  ") + what, flush=True)
    if not condition:
        failures.append(what)


def fetch(path):
    with urllib.request.urlopen(BASE + path, timeout=60) as response:
        return response.read().decode("utf-8")


def browser(javascript=True, width=1280, height=1600):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}", "--force-device-scale-factor=1", "--hide-scrollbars"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    if not javascript:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    return driver


def replica_page():
    """The path of the demo's printed page with the most story links."""
    editions = json.loads(fetch("/api/v1/editions"))
    items = editions.get("items", editions) if isinstance(editions, dict) else editions
    dates = [item.get("date") for item in items if isinstance(item, dict) and item.get("date")]
    best, most = None, 0
    for date in dates[:3]:
        for number in range(1, 25):
            try:
                html = fetch(f"/epaper/{date}/{number}")
            except Exception:
                break
            count = html.count('class="replica__region"')
            if count > most:
                best, most = f"/epaper/{date}/{number}", count
    return best


def wait_for_images(driver):
    WebDriverWait(driver, 30).until(lambda d: d.execute_script(
        "return Array.from(document.images).every(i => i.complete)"))


def rect(driver, element):
    return driver.execute_script("const r = arguments[0].getBoundingClientRect();"
                                 "return {x: r.left, y: r.top, w: r.width, h: r.height};", element)


def aligned(driver, frame, shape):
    """Whether an SVG rect stands where its percentages put it on `frame` (the page picture)."""
    box = rect(driver, shape)
    outer = rect(driver, frame)
    want = {key: float(shape.get_attribute(name)) / 100 for key, name in
            (("x", "x"), ("y", "y"), ("w", "width"), ("h", "height"))}
    return (abs(box["x"] - (outer["x"] + want["x"] * outer["w"])) < 2
            and abs(box["y"] - (outer["y"] + want["y"] * outer["h"])) < 2
            and abs(box["w"] - want["w"] * outer["w"]) < 2 and abs(box["h"] - want["h"] * outer["h"]) < 2)


def ink(driver, shape):
    """The share of dark pixels on screen under `shape`: printed words show, blank paper does not."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", shape)
    time.sleep(0.3)
    box = rect(driver, shape)
    picture = Image.open(io.BytesIO(driver.get_screenshot_as_png())).convert("L")
    crop = picture.crop((int(box["x"]), int(box["y"]), int(box["x"] + box["w"]) + 1, int(box["y"] + box["h"]) + 1))
    counts = crop.histogram()
    return sum(counts[:150]) / max(1, sum(counts))


def page_words(path):
    """The page's words with their boxes, from the pages API: where the words really are."""
    date, number = path.rstrip("/").split("/")[-2:]
    return json.loads(fetch(f"/api/v1/editions/{date}/pages/{number}?words=true"))["words"]


def plain(text):
    return re.sub(r"[^a-z]", "", text.lower())


def search_word(path):
    """A long word printed on the page once or twice, and how often."""
    counts = {}
    for word in page_words(path):
        if re.fullmatch(r"[A-Za-z]{7,}", word["text"]):
            counts[plain(word["text"])] = counts.get(plain(word["text"]), 0) + 1
    word = sorted((count, word) for word, count in counts.items() if count <= 2)[0][1]
    return word


def search_phrase(path):
    """Two words printed together once, the first of which is also printed apart."""
    words = [plain(w["text"]) for w in page_words(path)]
    pairs = {}
    for first, second in zip(words, words[1:]):
        pairs[(first, second)] = pairs.get((first, second), 0) + 1
    for (first, second), count in pairs.items():
        if count == 1 and len(first) >= 4 and len(second) >= 4 and words.count(first) > 1 and first != second:
            return first, second
    return None


def on_a_word(hit, words):
    """Whether a mark's box is the box of a printed word, to a hundredth of a percent."""
    x, y = float(hit.get_attribute("x")), float(hit.get_attribute("y"))
    return any(abs(box["x"] * 100 - x) < 0.01 and abs(box["y"] * 100 - y) < 0.01
               for word in words for box in word["boxes"])


def check_page(path, javascript):
    mode = "with JavaScript" if javascript else "without JavaScript"
    driver = browser(javascript)
    try:
        driver.get(BASE + path)
        wait_for_images(driver)
        image = driver.find_element(By.CSS_SELECTOR, "img.replica__image")
        check(driver.execute_script("return arguments[0].naturalWidth", image) > 0, f"{mode}: the page picture shows")
        controls = driver.find_elements(By.CSS_SELECTOR, ".replica__controls")
        check(bool(controls) == javascript, f"{mode}: the zoom buttons are there only with JavaScript")
        regions = driver.find_elements(By.CSS_SELECTOR, "a.replica__region")
        check(len(regions) > 0 and all(r.get_attribute("aria-label") for r in regions),
              f"{mode}: {len(regions)} story links, each named by its headline")
        shapes = driver.find_elements(By.CSS_SELECTOR, "a.replica__region rect")
        check(all(aligned(driver, image, s) for s in shapes), f"{mode}: story links lie over their regions")

        word = search_word(path)
        words = page_words(path)
        driver.get(BASE + path + "?q=" + word)
        wait_for_images(driver)
        image = driver.find_element(By.CSS_SELECTOR, "img.replica__image")
        hits = driver.find_elements(By.CSS_SELECTOR, "rect.replica__hit")
        printed = sum(1 for w in words if plain(w["text"]) == word)
        check(len(hits) >= printed > 0, f"{mode}: ?q={word} marks {len(hits)} places ({printed} printed as is)")
        check(all(word[:5] in plain(h.get_attribute("data-words") or "") for h in hits),
              f"{mode}: only occurrences of {word} are marked")
        check(all(on_a_word(h, words) for h in hits), f"{mode}: each mark is the box of a printed word (pages API)")
        check(all(aligned(driver, image, h) for h in hits), f"{mode}: the marks stand where the overlay puts them")
        shares = [round(ink(driver, h), 2) for h in hits[:5]]
        check(all(share > 0.04 for share in shares), f"{mode}: printed ink under every mark {shares}")
        phrase = search_phrase(path)
        if phrase:
            driver.get(BASE + path + '?q="' + " ".join(phrase) + '"')
            marks = driver.find_elements(By.CSS_SELECTOR, "rect.replica__hit")
            check(len(marks) == 2 and all(on_a_word(m, words) for m in marks),
                  f"{mode}: the phrase \"{' '.join(phrase)}\" is marked only where its words stand together "
                  f"({len(marks)} boxes; \"{phrase[0]}\" is printed {sum(1 for w in words if plain(w['text']) == phrase[0])} times)")

        if javascript:
            check_zoom(driver, path)
        driver.get(BASE + path)
        wait_for_images(driver)
        region = driver.find_elements(By.CSS_SELECTOR, "a.replica__region")[0]
        target = region.get_dom_attribute("href")
        region.click()
        WebDriverWait(driver, 15).until(lambda d: "/news/" in d.current_url)
        check(driver.current_url == BASE + target, f"{mode}: clicking a story opens it ({target})")
    finally:
        driver.quit()


def check_zoom(driver, path):
    driver.get(BASE + path + "?q=" + search_word(path))
    wait_for_images(driver)
    viewer = driver.find_element(By.CSS_SELECTOR, ".replica__viewer")
    page = driver.find_element(By.CSS_SELECTOR, ".replica__page")
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", viewer)
    viewer.send_keys("+")
    check(abs(float(viewer.get_attribute("data-zoom")) - 1.25) < 0.01, "keyboard: + zooms in a step")
    for _ in range(6):
        viewer.send_keys("+")
    zoom = float(viewer.get_attribute("data-zoom"))
    check(zoom > 3, f"keyboard: zoomed to {zoom:.2f}")
    WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "img.replica__tile"))
    WebDriverWait(driver, 30).until(lambda d: d.execute_script(
        "return Array.from(document.querySelectorAll('img.replica__tile')).every(i => i.complete)"))
    tiles = driver.find_elements(By.CSS_SELECTOR, "img.replica__tile")
    check(all(driver.execute_script("return arguments[0].naturalWidth", t) > 0 for t in tiles),
          f"zoomed: {len(tiles)} tiles loaded")
    frame = rect(driver, viewer)
    visible = [t for t in tiles if overlaps(rect(driver, t), frame)]
    check(len(visible) == len(tiles), f"zoomed: only tiles in view were asked for ({len(visible)} of {len(tiles)})")
    before = rect(driver, page)
    viewer.send_keys("\ue014")  # the right arrow
    after = rect(driver, page)
    check(after["x"] < before["x"], "keyboard: the right arrow moves the page")
    hits = [h for h in driver.find_elements(By.CSS_SELECTOR, "rect.replica__hit")]
    check(all(aligned(driver, page, h) for h in hits), "zoomed: the marks move with the page")
    viewer.send_keys("0")
    check(abs(float(viewer.get_attribute("data-zoom")) - 1) < 0.01, "keyboard: 0 shows the whole page")

    # The mouse: the wheel zooms in, a drag moves the page and opens no story, even over one.
    url = driver.current_url
    region = rect(driver, driver.find_elements(By.CSS_SELECTOR, "a.replica__region rect")[0])
    px, py = int(region["x"] + region["w"] / 2), int(region["y"] + region["h"] / 2)
    ActionChains(driver).scroll_from_origin(ScrollOrigin.from_viewport(px, py), 0, -400).perform()
    time.sleep(0.3)
    zoom = float(viewer.get_attribute("data-zoom"))
    check(zoom > 1.5, f"mouse: the wheel zooms in ({zoom:.2f})")
    before = rect(driver, page)
    hand = ActionBuilder(driver)
    hand.pointer_action.move_to_location(px, py).pointer_down()
    hand.pointer_action.move_to_location(px - 30, py - 20).move_to_location(px - 60, py - 40).pointer_up()
    hand.perform()
    time.sleep(0.3)
    after = rect(driver, page)
    check(after["x"] < before["x"] and after["y"] < before["y"] and driver.current_url == url,
          "mouse: a drag moves the page and opens nothing")
    names = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    check(not any("/full/max/" in name for name in names), "no whole original was asked for")


def overlaps(a, b):
    return a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]


def check_phone(path):
    driver = browser(True, width=390, height=844)
    try:
        driver.get(BASE + path)
        time.sleep(2)
        entries = driver.execute_script(
            "return performance.getEntriesByType('resource').map(e => ({name: e.name, size: e.transferSize,"
            " type: e.initiatorType}))")
        images = [e for e in entries if "/iiif/3/" in e["name"] and not e["name"].endswith("info.json")]
        total = sum(e["size"] for e in images)
        check(total <= 300_000, f"phone: the first view's page pictures come to {total} bytes ({len(images)} requests)")
        check(not any("/full/max/" in e["name"] for e in images), "phone: no whole original")
        stories = driver.find_element(By.CSS_SELECTOR, ".page-view__stories")
        replica = driver.find_element(By.CSS_SELECTOR, ".replica")
        check(rect(driver, stories)["y"] < rect(driver, replica)["y"], "phone: the stories come first, the page after")
    finally:
        driver.quit()


def check_axe(path, what):
    driver = browser(True)
    try:
        driver.get(BASE + path)
        wait_for_images(driver)
        axe = Axe(driver, script_url=AXE_CORE)
        axe.inject()
        results = axe.run()
        bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
        for violation in bad:
            print("      ", violation["id"], violation["impact"], violation["help"],
                  [node["target"] for node in violation["nodes"][:3]])
        check(not bad, f"axe: no serious or critical violation on {what} ({path})")
    finally:
        driver.quit()


def main():
    path = replica_page()
    if path is None:
        check(False, "the demo edition has a printed page with stories on it")
        return
    print("replica page:", path)
    check_page(path, javascript=False)
    check_page(path, javascript=True)
    check_phone(path)
    check_axe(path, "the replica")
    html = fetch(path)
    story = re.search(r'<a class="replica__region" href="([^"]+)"', html).group(1)
    check_axe(story, "an article printed on it")
    article = fetch(story)
    check('class="printed-places"' in article, "the article links to its printed page")
    clip = re.search(r'<a class="printed-places__clip" href="([^"]+)"', article)
    check(clip is not None, "the article offers a clipping to share")
    if clip:
        clipping = fetch(clip.group(1))
        preview = re.search(r'<meta property="og:image" content="([^"]+)"', clipping)
        check(preview is not None and "/iiif/3/" in preview.group(1), "the clipping's preview is a picture of the cut")
        check_axe(clip.group(1), "the clipping")


main()
if failures:
    print(f"{len(failures)} replica checks failed:", *failures, sep="\n  ")
    sys.exit(1)
print("the replica reader passed every browser check")
