#!/usr/bin/env python3
"""Writes sample-edition.pdf: two A4 pages of our own synthetic copy, by hand, with no library.

Page 1 holds a short story in the left column and the start of "Harbour bridge reopens" in the
right one, which jumps to page 2. The text layer fixture is made from it with
    pdftotext -bbox-layout sample-edition.pdf sample-edition.xhtml
(poppler-utils 22.12.0 from Debian bookworm).
"""

PAGES = [
    [  # (x, y from the bottom, size, text)
        (56, 780, 20, "The Tidewater Courier"),
        (56, 730, 14, "Market stalls move indoors"),
        (56, 710, 10, "Traders at the fish market will sell"),
        (56, 697, 10, "from the new covered hall from Monday,"),
        (56, 684, 10, "the council said after a wet spring."),
        (310, 730, 14, "Harbour bridge reopens"),
        (310, 710, 10, "The old harbour bridge opened again on"),
        (310, 697, 10, "Tuesday after eight months of repairs to"),
        (310, 684, 10, "its rusted girders and worn deck. Engi-"),
        (310, 671, 10, "neers replaced forty steel plates and"),
        (310, 658, 10, "painted the span a pale shade of green."),
        (310, 640, 9, "Continued on page 2"),
    ],
    [
        (56, 780, 12, "Page 2 The Tidewater Courier"),
        (56, 730, 12, "Bridge, from page 1"),
        (56, 710, 10, "Ferry crews welcomed the news, since the"),
        (56, 697, 10, "crossing had carried twice its usual load"),
        (56, 684, 10, "of commuters while the bridge was shut."),
        (310, 730, 14, "Library hours extended"),
        (310, 710, 10, "The town library will stay open until"),
        (310, 697, 10, "eight on weekdays through the summer."),
    ],
]


def content(lines):
    ops = []
    for x, y, size, text in lines:
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"BT /F1 {size} Tf {x} {y} Td ({escaped}) Tj ET")
    return "\n".join(ops).encode("latin-1")


def main():
    objects = []  # bodies, object n at index n - 1
    page_ids = [3 + 2 * i for i in range(len(PAGES))]
    font_id = 3 + 2 * len(PAGES)
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{p} 0 R" for p in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(PAGES)} >>".encode())
    for index, lines in enumerate(PAGES):
        stream = content(lines)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {page_ids[index] + 1} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode())
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    with open("sample-edition.pdf", "wb") as file:
        file.write(out)


main()
