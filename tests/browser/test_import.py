"""Importing documents in the admin, in Chromium: preview, confirm, and a reviewer publishes one question."""

import pytest
from playwright.sync_api import expect

from tests.answers.test_import_admin import OTHER
from tests.answers.test_importer import DOCUMENT
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

KARS, MOSCOW = "Who signed the Treaty of Kars?", "Who signed the Treaty of Moscow?"


def test_an_editor_imports_two_documents_and_a_reviewer_publishes_one(
    live_server, page, browser, make_user, write_document, screenshot
):
    make_user("ayse", "Editors")
    make_user("boris", "Reviewers")
    documents = [write_document("kars.txt", DOCUMENT), write_document("moscow.txt", OTHER)]
    reader = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()

    log_in(page, live_server, "ayse")
    page.goto(live_server.url + "/admin/answers/question/")
    page.get_by_role("link", name="Import documents").click()
    screenshot(page, "admin-import-upload")
    page.get_by_label("Documents:").set_input_files([str(path) for path in documents])
    page.get_by_role("button", name="Preview the import").click()
    expect(page.locator(".import-summary")).to_have_text(
        "Would create 2 questions, 3 authors, 4 answers, 8 claims; would ask a reviewer to publish 2 questions "
        "(from 2 documents)."
    )
    expect(page.get_by_role("table", name="Questions (2)")).to_contain_text(KARS)
    expect(page.get_by_role("table", name="New claims and their timeline checks (8)")).to_contain_text("no dates")
    screenshot(page, "admin-import-preview")
    reader.goto(live_server.url + "/questions/")
    expect(reader.locator("main")).not_to_contain_text(KARS)

    page.get_by_role("button", name="Confirm the import").click()
    expect(page.locator(".messagelist")).to_contain_text("Created 2 questions, 3 authors, 4 answers, 8 claims")
    screenshot(page, "admin-import-confirmed")
    page.locator(".messagelist").get_by_role("link", name="see what waits for review").click()
    expect(page.locator("#result_list")).to_contain_text(KARS)
    expect(page.locator("#result_list")).to_contain_text(MOSCOW)

    log_in(page, live_server, "boris")
    page.goto(live_server.url + "/admin/answers/question/")
    page.get_by_role("link", name=KARS).click()
    page.locator(".pending-proposals").get_by_role("link", name="Open it").click()
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.locator(".messagelist")).to_contain_text("Approved")

    reader.goto(live_server.url + "/questions/")
    expect(reader.locator("main")).to_contain_text(KARS)
    expect(reader.locator("main")).not_to_contain_text(MOSCOW)
    reader.context.close()


def test_an_editor_sees_every_bad_document_as_file_line_and_reason(
    live_server, page, make_user, write_document, screenshot
):
    make_user("ayse", "Editors")
    good = write_document("kars.txt", DOCUMENT)
    bad = write_document("bad.txt", "Who signed it?\naccount_box\n")
    worse = write_document("worse.txt", b"Who signed it?\n\xff\n")

    log_in(page, live_server, "ayse")
    screenshot(page, "admin-index-import-link")
    page.locator("#import-documents").get_by_role("link", name="Import documents").click()
    page.get_by_label("Documents:").set_input_files([str(good), str(bad), str(worse)])
    page.get_by_role("button", name="Preview the import").click()
    errors = page.locator(".import-errors li")
    expect(errors).to_have_text(
        [
            "bad.txt:2: 'account_box' is not followed by the author's name",
            "worse.txt:2: not UTF-8 text (byte 0xff cannot be decoded)",
        ]
    )
    screenshot(page, "admin-import-errors")


def test_an_edited_document_shows_re_anchoring_and_a_stale_preview_is_refused(
    live_server, page, make_user, write_document, screenshot
):
    from answers.importer import import_documents
    from answers.models import Claim
    from tests.answers.test_import_admin import EDITED

    editor = make_user("ayse", "Editors")
    path = write_document("kars.txt", DOCUMENT)
    import_documents([path], user=editor)
    edited = write_document("edited/kars.txt", EDITED)

    log_in(page, live_server, "ayse")
    page.goto(live_server.url + "/admin/answers/question/import/")
    page.get_by_label("Documents:").set_input_files(str(edited))
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("table", name="Orphaned claims (1)")).to_contain_text("signed on 13 October 1921")
    expect(page.get_by_role("table", name="Existing claims re-anchored in changed text (2)")).to_be_visible()
    screenshot(page, "admin-import-preview-edited")

    import_documents([edited], user=editor)  # someone else was quicker
    page.get_by_role("button", name="Confirm the import").click()
    expect(page.locator(".messagelist")).to_contain_text("Nothing was imported: the stored content changed")
    expect(page.locator(".import-summary")).to_have_text("Nothing to change: 1 document read, all as stored already.")
    screenshot(page, "admin-import-stale")
    assert Claim.objects.filter(orphaned=True).count() == 1
