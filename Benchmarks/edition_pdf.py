#!/usr/bin/env python3
"""Writes a synthetic printed edition as a PDF: broadsheet pages of five columns of Times text
with headlines, so importing it does what importing a printing plant's PDF does.

    edition_pdf.py --pages N --seed S OUT.pdf
"""
import argparse
import random

WORDS = ("harbour council ferry market bridge crews tide quay rowing club season repairs budget "
         "schools library night hours weather rain forecast cricket final festival pumps solar "
         "water sensor reporters editors printing press morning evening island commuters talks").split()


def page_stream(rng, number):
    lines = ["BT /F2 28 Tf 36 1140 Td (The Benchmark Ledger) Tj ET",
             f"BT /F1 9 Tf 36 1120 Td (Page {number}) Tj ET"]
    width, gutter, left = (842 - 72 - 4 * 12) / 5, 12, 36
    for column in range(5):
        x = left + column * (width + gutter)
        y = 1090
        while y > 40:
            if rng.random() < 0.06:
                headline = " ".join(rng.choice(WORDS) for _ in range(4)).capitalize()
                lines.append(f"BT /F2 14 Tf {x:.1f} {y:.1f} Td ({headline}) Tj ET")
                y -= 20
            text = " ".join(rng.choice(WORDS) for _ in range(6))
            lines.append(f"BT /F1 9 Tf {x:.1f} {y:.1f} Td ({text}) Tj ET")
            y -= 11
    return "\n".join(lines).encode("latin-1")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, required=True)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("out")
    options = parser.parse_args()
    rng = random.Random(options.seed)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", None,
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Bold >>"]
    kids = []
    for number in range(1, options.pages + 1):
        stream = page_stream(rng, number)
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content = len(objects)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 1191] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>" % content)
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids), len(kids))
    body = bytearray(b"%PDF-1.4\n")
    offsets = []
    for index, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % index + content + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    open(options.out, "wb").write(body)


if __name__ == "__main__":
    main()
