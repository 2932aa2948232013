"""The newsroom desk in headless Chromium (run by scripts/desk-check against a live demo server).

A reporter and an editor run part of a day's paper entirely in the browser, each in a browser of
their own; every desk page they meet, and the reader's pages, are checked by axe-core for serious
or critical violations. A failed step saves a screenshot of the browser it failed in.
"""

import importlib.util
import os
import re
import sys
import time
import traceback

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE = sys.argv[1].rstrip("/")
SCREENSHOTS = sys.argv[sys.argv.index("--screenshots") + 1] if "--screenshots" in sys.argv else None
PASSWORD = os.environ["DESK_PASSWORD"]
FAILURES = os.environ.get("DESK_FAILURES", ".")
AXE_CORE = os.path.join(os.path.dirname(importlib.util.find_spec("axe_playwright_python").origin), "axe.min.js")
failures = []
checked_pages = set()


def check(condition, what, driver=None):
    print(("ok    " if condition else "FAIL  ") + what, flush=True)
    if not condition:
        failures.append(what)
        if driver is not None:
            name = os.path.join(FAILURES, f"{len(failures):02d}.png")
            driver.save_screenshot(name)
            print("      screenshot:", name, "at", driver.current_url)


def browser(width=1280, height=1400):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}", "--force-device-scale-factor=1", "--hide-scrollbars"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def page_kind(driver):
    path = driver.current_url.replace(BASE, "").split("?")[0]
    parts = ["{n}" if part.isdigit() else "{date}" if re.fullmatch(r"\d{4}-\d\d-\d\d", part) else part
             for part in path.split("/")]
    return "/".join(parts)


def axe(driver, what=None):
    """axe-core on the page the browser shows, once per kind of page."""
    kind = what or page_kind(driver)
    if kind in checked_pages:
        return
    checked_pages.add(kind)
    engine = Axe(driver, script_url=AXE_CORE)
    engine.inject()
    results = engine.run()
    bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
    for violation in bad:
        print("      ", violation["id"], violation["impact"], violation["help"],
              [node["target"] for node in violation["nodes"][:3]])
    check(not bad, f"axe: no serious or critical violation on {kind}", driver)


def shot(driver, name):
    if SCREENSHOTS:
        path = os.path.join(SCREENSHOTS, name)
        driver.save_screenshot(path)
        print("wrote", path)


def go(driver, path):
    driver.get(BASE + path)
    axe(driver)


def text(driver):
    return driver.find_element(By.TAG_NAME, "body").text


def sign_in_by_keyboard(driver, name):
    """Only the keyboard: the skip link, then Tab to each field, Enter to send."""
    driver.get(BASE + "/desk")
    check("/desk/sign-in" in driver.current_url, f"{name}: the desk sends a stranger to sign in", driver)
    axe(driver)
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    focused = driver.switch_to.active_element
    check(focused.get_attribute("class") == "skip-link", f"{name}: the first Tab reaches the skip link", driver)
    focused.send_keys(Keys.ENTER)
    for _ in range(6):
        driver.switch_to.active_element.send_keys(Keys.TAB)
        if driver.switch_to.active_element.get_attribute("id") == "name":
            break
    field = driver.switch_to.active_element
    check(field.get_attribute("id") == "name", f"{name}: Tab reaches the name field", driver)
    field.send_keys(name, Keys.TAB)
    driver.switch_to.active_element.send_keys(PASSWORD, Keys.ENTER)
    WebDriverWait(driver, 30).until(lambda d: "/desk/sign-in" not in d.current_url)
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")
    check("Signed in as" in text(driver) and name in text(driver), f"{name}: signed in by keyboard alone", driver)
    axe(driver)


def left(old):
    """Whether the browser has left the page `old` belongs to. Chromium says so either as a stale
    element or as a node that "does not belong to the document", depending on the moment."""
    try:
        old.tag_name
        return False
    except WebDriverException:
        return True


def follow(element):
    """Clicks a link or button that loads a page, and waits until the new page is there."""
    driver = element.parent
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 30).until(lambda _: left(old))
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")


def fill(driver, values):
    for field, value in values.items():
        element = driver.find_element(By.NAME, field)
        if element.get_attribute("type") in ("date", "datetime-local"):
            # Typing into a date picker follows the browser's locale; set the value as the form sends it.
            driver.execute_script("arguments[0].value = arguments[1]", element, value)
            continue
        element.clear()
        element.send_keys(value)


def submit_form(driver, action_suffix, button_text=None):
    forms = [form for form in driver.find_elements(By.TAG_NAME, "form")
             if (form.get_attribute("action") or "").endswith(action_suffix)]
    if not forms:
        return False
    buttons = forms[0].find_elements(By.CSS_SELECTOR, "button[type=submit]")
    if button_text:
        buttons = [button for button in buttons if button_text in button.text]
    follow(buttons[0])
    return True


def article_id(driver):
    return driver.current_url.split("?")[0].rstrip("/").split("/")[-1]


def main():
    reporter = browser()
    editor = browser()
    try:
        walk(reporter, editor)
    except Exception as error:
        check(False, f"the walk stopped: {type(error).__name__} {error}".strip(), reporter)
        print("".join(traceback.format_exception(error)[-4:]))
        for driver in (reporter, editor):
            print("      at", driver.current_url)
        editor.save_screenshot(os.path.join(FAILURES, "stopped-editor.png"))
    finally:
        reporter.quit()
        editor.quit()
    print(f"{len(checked_pages)} kinds of page checked by axe")
    if failures:
        print(f"{len(failures)} desk checks failed:", *failures, sep="\n  ")
        sys.exit(1)
    print("every desk check passed")


def walk(reporter, editor):
    # The reader's pages a person uses, besides the replica (scripts/replica-check covers it).
    for path in ("/", "/epaper", "/search?q=library", "/sections/metropolitan"):
        go(reporter, path)
    go(reporter, "/")
    story_link = reporter.find_element(By.CSS_SELECTOR, "a[href^='/news/']").get_attribute("href")
    reporter.get(story_link)
    axe(reporter, "/news/{id}/{slug}")
    edition = reporter.find_element(By.CSS_SELECTOR, "a[href^='/epaper/2']").get_attribute("href")
    reporter.get(edition)
    axe(reporter, "/epaper/{date}")

    # A reporter writes, previews and files a story, then hands it in.
    sign_in_by_keyboard(reporter, "desk-reporter")
    follow(reporter.find_element(By.LINK_TEXT, "Write"))
    axe(reporter)
    topics = reporter.find_element(By.NAME, "topics")
    topics.send_keys("Transport, Cl")
    suggested = reporter.execute_script(
        "return Array.from(document.getElementById('known-topics').options).map(o => o.value)")
    check("Transport, Climate" in suggested and all(s.startswith("Transport, ") for s in suggested),
          f"topics: existing ones suggested after the comma ({suggested[:3]})", reporter)
    topics.clear()
    fill(reporter, {
        "headline": "Harbour ferry adds a late sailing for night-shift workers",
        "byline": "Sana Mir", "dateline": "KARACHI", "section": "Metropolitan", "topics": "Transport, Harbour",
        "edition_date": "2026-11-25", "page": "3",
        "body": "The ferry company will run a sailing at midnight from Monday.\n\n"
                "## Who asked for it\n\nWorkers at the fish market wrote to the council in October.\n\n"
                "- Mondays to Fridays\n- Fares unchanged",
    })
    before = set(reporter.window_handles)
    reporter.find_element(By.XPATH, "//button[contains(., 'Preview')]").click()
    WebDriverWait(reporter, 20).until(lambda d: len(d.window_handles) > len(before))
    main_window = reporter.current_window_handle
    reporter.switch_to.window((set(reporter.window_handles) - before).pop())
    WebDriverWait(reporter, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "h1.story__headline"))
    check(reporter.find_element(By.CSS_SELECTOR, "h1.story__headline").text.startswith("Harbour ferry adds"),
          "preview: the unsaved story shown as the site shows it", reporter)
    check(bool(reporter.find_elements(By.XPATH, "//h2[text()='Who asked for it']")),
          "preview: the body's heading is a heading", reporter)
    axe(reporter, "preview")
    reporter.close()
    reporter.switch_to.window(main_window)
    follow(reporter.find_element(By.XPATH, "//button[text()='File draft']"))
    check("The draft is filed." in text(reporter), "reporter: the draft is filed", reporter)
    story = article_id(reporter)
    axe(reporter)
    check(not reporter.find_elements(By.XPATH, "//button[text()='Publish now']"),
          "reporter: a contributor is not offered Publish", reporter)
    fill(reporter, {"note": "Ready for page 3"})
    submit_form(reporter, f"/desk/articles/{story}/submit")
    check("Submitted to the editors." in text(reporter), "reporter: the story is submitted", reporter)

    # The editor finds it first on the list, edits, publishes and corrects it.
    sign_in_by_keyboard(editor, "desk-editor")
    check("Submitted for review" in text(editor) and "Harbour ferry adds" in text(editor),
          "editor: the submitted story heads the list", editor)
    shot(editor, "desk-list.png")
    follow(editor.find_element(By.PARTIAL_LINK_TEXT, "Harbour ferry adds"))
    axe(editor)
    shot(editor, "desk-editor.png")
    summary = editor.find_element(By.NAME, "summary")
    summary.send_keys("A midnight boat for the market's night shift.")
    follow(editor.find_element(By.XPATH, "//button[text()='Save']"))
    check("Saved as a new revision." in text(editor), "editor: the edit is saved", editor)

    # The reporter saves a change from the page opened before the editor's save: a conflict.
    reporter.get(f"{BASE}/desk/articles/{story}")
    editor.get(f"{BASE}/desk/articles/{story}")
    fill(editor, {"headline": "Late ferry sailing for night-shift workers"})
    follow(editor.find_element(By.XPATH, "//button[text()='Save']"))
    fill(reporter, {"headline": "Harbour ferry to sail at midnight"})
    follow(reporter.find_element(By.XPATH, "//button[text()='Save']"))
    check("Someone else changed this story" in text(reporter), "conflict: the second save is stopped", reporter)
    check("Late ferry sailing" in text(reporter) and "Harbour ferry to sail at midnight" in text(reporter),
          "conflict: both versions side by side", reporter)
    axe(reporter, "conflict")
    follow(reporter.find_element(By.LINK_TEXT, "Discard mine and open theirs"))
    check(reporter.find_element(By.NAME, "headline").get_attribute("value").startswith("Late ferry"),
          "conflict: theirs opens in the editor", reporter)

    editor.get(f"{BASE}/desk/articles/{story}")
    submit_form(editor, f"/desk/articles/{story}/publish")
    check("Published: readers can see it now." in text(editor), "editor: published", editor)
    follow(editor.find_element(By.LINK_TEXT, "View on the site"))
    check("Late ferry sailing" in editor.find_element(By.TAG_NAME, "h1").text, "the story is on the site", editor)
    editor.get(f"{BASE}/desk/articles/{story}")
    fill(editor, {"text": "An earlier version gave the wrong day for the first sailing."})
    submit_form(editor, f"/desk/articles/{story}/corrections")
    check("The note is published with the article." in text(editor), "editor: a correction is published", editor)

    # Revisions: who and when, and the difference of two.
    follow(editor.find_element(By.LINK_TEXT, "Revisions"))
    axe(editor)
    shot(editor, "desk-revisions.png")
    Select(editor.find_element(By.ID, "compare-from")).select_by_value("1")
    follow(editor.find_element(By.XPATH, "//button[text()='Show the differences']"))
    check(bool(editor.find_elements(By.CSS_SELECTOR, "del")) and bool(editor.find_elements(By.CSS_SELECTOR, "ins")),
          "revisions: the comparison marks removed and added words", editor)
    axe(editor)

    # Schedule a second story in the paper's time.
    editor.get(BASE + "/desk/articles/new")
    fill(editor, {"headline": "Council to vote on the harbour walk", "section": "Metropolitan",
                  "body": "The council votes on Thursday."})
    follow(editor.find_element(By.XPATH, "//button[text()='File draft']"))
    scheduled = article_id(editor)
    submit_form(editor, f"/desk/articles/{scheduled}/schedule")
    check("Scheduled: it will be published" in text(editor), "editor: scheduled", editor)
    editor.get(BASE + "/desk?status=scheduled")
    check("Council to vote on the harbour walk" in text(editor), "the scheduled list shows it", editor)

    # Plan a page: without JavaScript's dragging, by the buttons.
    editor.get(BASE + "/desk/editions/2026-11-25")
    axe(editor)
    shot(editor, "desk-plan.png")
    item = editor.find_element(By.ID, f"story-{story}")
    follow(item.find_element(By.XPATH, ".//button[starts-with(text(), 'Move to page 4')]"))
    check("The page plan is changed." in text(editor), "plan: the story moved", editor)
    moved = editor.find_element(By.ID, f"story-{story}")
    page = moved.find_element(By.XPATH, "./ancestor::section[@data-page]").get_attribute("data-page")
    check(page == "4", f"plan: the story is on page 4 (found {page})", editor)
    editor.get(BASE + "/desk/editions")
    axe(editor)

    # The admin's pages.
    admin = browser()
    try:
        sign_in_by_keyboard(admin, "desk-admin")
        go(admin, "/desk/users")
        go(admin, "/desk/audit")
        check("article.publish" in text(admin), "audit: the publication is logged", admin)
    finally:
        admin.quit()

    # Sign out.
    follow(editor.find_element(By.XPATH, "//button[text()='Sign out']"))
    check("/desk/sign-in" in editor.current_url, "editor: signed out", editor)
    editor.get(BASE + "/desk")
    check("/desk/sign-in" in editor.current_url, "editor: the desk is closed after signing out", editor)


if __name__ == "__main__":
    main()
