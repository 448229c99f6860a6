"""Draws invoice-page.png, the page image of the review app tests, and prints each value's pixel box.

Run with Debian's python3 (Pillow): /usr/bin/python3 make-invoice-page.py
"""
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONTS = Path("/usr/share/fonts/truetype/dejavu")
WIDTH, HEIGHT = 850, 1100

image = Image.new("RGB", (WIDTH, HEIGHT), "white")
draw = ImageDraw.Draw(image)
regular = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), 18)
bold = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 30)
heading = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 18)


def text(xy, value, font=regular, name=None):
    draw.text(xy, value, fill="black", font=font)
    if name:
        left, top, right, bottom = draw.textbbox(xy, value, font=font)
        print(f"{name}: [{left - 2}, {top - 2}, {right + 2}, {bottom + 2}]")


text((60, 60), "ACME Tools GmbH", bold, "vendorName")
text((60, 105), "Werkstrasse 12, 70173 Stuttgart")
text((620, 60), "INVOICE", bold)
text((60, 190), "Invoice number:")
text((240, 190), "INV-2041", name="invoiceNumber")
text((60, 220), "Invoice date:")
text((240, 220), "14 March 2026", name="invoiceDate")
text((60, 250), "Bill to:")
text((240, 250), "Globex Corporation", name="customerName")

draw.line((60, 320, 790, 320), fill="black", width=2)
text((60, 330), "Description", heading)
text((520, 330), "Qty", heading)
text((660, 330), "Amount", heading)
draw.line((60, 360, 790, 360), fill="black", width=1)
rows = [("Cordless drill 18 V", "2", "398.00"), ("Drill bit set", "5", "186.50"), ("Workbench, oak", "1", "700.00")]
for index, (description, quantity, amount) in enumerate(rows):
    y = 375 + 34 * index
    text((60, y), description)
    text((530, y), quantity)
    text((660, y), amount)
draw.line((60, 490, 790, 490), fill="black", width=1)
text((520, 505), "Total", heading)
text((660, 505), "1,284.50 EUR", name="total")
text((60, 1020), "Payable within 30 days. Thank you for your order.", name="paymentTerms")

image.save(Path(__file__).with_name("invoice-page.png"), optimize=True)
