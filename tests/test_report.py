"""The analysts' report renders in a real browser: charts drawn, numbers linked to their sources."""

from __future__ import annotations

from system_deps import launch, sync_playwright

NCA_EVIDENCE = "https://committees.parliament.uk/writtenevidence/12615/html/"


def test_report_renders_in_headless_chromium(demo, tmp_path):
    path, _ = demo
    report = path.parent / "report" / "index.html"
    shot = tmp_path / "report.png"
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(report.as_uri())
            headings = page.locator("h2").all_inner_texts()
            assert headings[:4] == ["Referral outcomes", "Takedowns over time, by actor", "Platform mentions by month",
                                    "The same figure across documents"]
            # every chart is drawn with a real size, not an empty box
            for label in ("outcomes", "timeline"):
                box = page.locator(f'svg[aria-label="{label}"]').first.bounding_box()
                assert box and box["width"] > 300 and box["height"] > 10, label
            assert page.locator('svg[aria-label="timeline"] circle').count() >= 5
            # the NCA's outcome bar links to its evidence and quotes it
            outcome = page.locator("figure.outcome", has=page.locator(f'a[href="{NCA_EVIDENCE}"]')).first
            assert "1,218" in outcome.inner_text() and "578" in outcome.inner_text()
            assert page.locator(".badge", has_text="conflicting").count() >= 1
            page.screenshot(path=str(shot), full_page=True)
            assert errors == []
        finally:
            browser.close()
    assert shot.stat().st_size > 20_000, f"screenshot at {shot} looks empty"
