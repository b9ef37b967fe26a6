"""Draw the social preview (1200x630) and the home-screen icon (180x180) with headless Chromium.

Run after changing the brand: `.venv/bin/python tools/make_images.py`. Needs Playwright (a dev
dependency) and Debian's Chromium at /usr/bin/chromium (or CHROMIUM_PATH). Writes
static/img/social-preview.png and static/img/apple-touch-icon.png; commit the results.
"""

import os
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
IMG = ROOT / "static" / "img"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]

SOCIAL = """<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; width: 1200px; height: 630px; font-family: "DejaVu Sans", sans-serif; color: #fff;
  background: #083d6e; position: relative; overflow: hidden; }
.band { position: absolute; left: 0; right: 0; bottom: 0; height: 14px; background: #e08a1e; }
.brand { position: absolute; left: 72px; top: 64px; display: flex; align-items: center; gap: 20px;
  font-size: 38px; font-weight: 700; }
.brand svg { width: 64px; height: 64px; }
h1 { position: absolute; left: 72px; top: 170px; margin: 0; font-size: 70px; line-height: 1.1; width: 640px; }
p { position: absolute; left: 72px; top: 390px; margin: 0; font-size: 28px; line-height: 1.4; width: 620px;
  color: #dbe7f5; }
.card { position: absolute; left: 748px; top: 110px; width: 340px; background: #fff; color: #1f2328;
  border-radius: 18px; padding: 28px 30px; box-shadow: 0 12px 30px rgba(0,0,0,.3); }
.card h2 { margin: 0 0 6px; font-size: 27px; color: #142a43; }
.card .muted { font-size: 17px; color: #4a5560; margin-bottom: 18px; }
.row { margin: 12px 0 0; font-size: 17px; }
.bar { height: 16px; background: #e6ebf1; border-radius: 8px; position: relative; margin-top: 6px; }
.bar i { position: absolute; top: 0; bottom: 0; border-radius: 8px; background: #0b5394; }
.tags { margin-top: 22px; display: flex; flex-wrap: wrap; gap: 8px; }
.tag { font-size: 15px; font-weight: 700; padding: 4px 10px; border-radius: 6px; color: #fff; background: #0b5394; }
.tag.g { background: #23653a; } .tag.s { background: #5a6570; }
</style></head><body>
<div class="brand">LOGO CareerPath India</div>
<h1>Find a career that fits you</h1>
<p>Honest guides to careers in India: skills, degrees, salary in ₹ LPA, learning paths and growth.</p>
<div class="card">
  <h2>Data Scientist</h2>
  <div class="muted">Estimated salary by level (₹ LPA)</div>
  <div class="row">Entry · ₹6–12 LPA<div class="bar"><i style="left:15%;width:15%"></i></div></div>
  <div class="row">Mid · ₹10–20 LPA<div class="bar"><i style="left:25%;width:25%"></i></div></div>
  <div class="row">Senior · ₹22–35 LPA<div class="bar"><i style="left:55%;width:32.5%"></i></div></div>
  <div class="tags"><span class="tag">Statistics: High</span><span class="tag">SQL: High</span>
    <span class="tag g">A/B testing: Medium-high</span></div>
</div>
<div class="band"></div>
</body></html>"""

ICON = """<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; width: 180px; height: 180px; background: #0b5394; }
svg { display: block; width: 180px; height: 180px; }
</style></head><body>LOGO</body></html>"""


def main():
    logo = (IMG / "favicon.svg").read_text()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        page.set_content(SOCIAL.replace("LOGO", logo))
        page.screenshot(path=str(IMG / "social-preview.png"))
        page = browser.new_page(viewport={"width": 180, "height": 180})
        page.set_content(ICON.replace("LOGO", logo.replace('rx="6"', 'rx="0"')))
        page.screenshot(path=str(IMG / "apple-touch-icon.png"))
        browser.close()
    print("wrote", IMG / "social-preview.png", "and", IMG / "apple-touch-icon.png")


if __name__ == "__main__":
    main()
