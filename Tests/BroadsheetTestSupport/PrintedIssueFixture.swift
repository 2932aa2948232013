import Foundation

/// A digitised issue of our own making, written to a folder as a library delivers one: an issue
/// METS with two pages of ALTO (page 1 ALTO v2 in tenths of a millimetre, page 2 ALTO v4 in
/// pixels), page images (a JPEG and a JP2, 120 × 180 pixels) and two articles, the first
/// continued from page 1 to page 2. Also an NDNP batch of two such issues.
///
/// Page 1 also prints a story that no METS article marks out (`kiteStory`), for the importer to
/// find by its text.
public enum PrintedIssueFixture {
    public static let date = "2025-04-29"

    /// A gray 120 × 180 JPEG, made with libvips.
    public static let jpeg = Data(
        base64Encoded:
            "/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/wAAL"
            + "CAC0AHgBAREA/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEG"
            + "E1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4"
            + "eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6"
            + "/9oACAEBAAA/AOkooooooooooooooooooooooooooooooorL1rWP7J8n9x5vm7v49uMY9j61l/8ACYf9OH/kb/7Gj/hMP+nD/wAj"
            + "f/Y0f8Jh/wBOH/kb/wCxo/4TD/pw/wDI3/2NH/CYf9OH/kb/AOxo/wCEw/6cP/I3/wBjR/wmH/Th/wCRv/saP+Ew/wCnD/yN/wDY"
            + "0f8ACYf9OH/kb/7GtTRdY/tbzv3HleVt/j3Zzn2HpWpRRRXL+Nf+XL/gf/stcvRRRRRRRRXUeCv+X3/gH/s1dRRRRXL+Nf8Aly/4"
            + "H/7LXL0UUUUUUUV1Hgr/AJff+Af+zV1FFFFcv41/5cv+B/8AstcvRRRRRRRRXUeCv+X3/gH/ALNXUUUUVy/jX/ly/wCB/wDstcvR"
            + "RRRRRRRXUeCv+X3/AIB/7NXUUUUVl61o/wDa3k/v/K8rd/BuznHuPSsv/hD/APp//wDIP/2VH/CH/wDT/wD+Qf8A7Kj/AIQ//p//"
            + "APIP/wBlR/wh/wD0/wD/AJB/+yo/4Q//AKf/APyD/wDZUf8ACH/9P/8A5B/+yo/4Q/8A6f8A/wAg/wD2VH/CH/8AT/8A+Qf/ALKj"
            + "/hD/APp//wDIP/2Vami6P/ZPnfv/ADfN2/wbcYz7n1rUoooooooooooooooooooooooooooooooooooooooooooooooooooooooo"
            + "oooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooo"
            + "oooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooor/2Q==")!

    /// The same page as a JPEG 2000 file, made with libvips (OpenJPEG).
    public static let jp2 = Data(
        base64Encoded:
            "AAAADGpQICANCocKAAAAFGZ0eXBqcDIgAAAAAGpwMiAAAAAtanAyaAAAABZpaGRyAAAAtAAAAHgAAQcHAAAAAAAPY29scgEAAAAA"
            + "AAAAAAC6anAyY/9P/1EAKQAAAAAAeAAAALQAAAAAAAAAAAAAAgAAAAIAAAAAAAAAAAAAAQcBAf9SAA0BAgABAAAEBAAAiP9cAAVC"
            + "QAD/ZAAlAAFDcmVhdGVkIGJ5IE9wZW5KUEVHIHZlcnNpb24gMi41LjD/kAAKAAAAAABGAAH/k/O0mfP+I8QAFABcr/9jbHknEwkJ"
            + "3rs9C5knFABcr/9/6RQAXK//f+gUAFyv/3+v7xQAXK//f8lj/9k=")!

    public static let imageSize = (width: 120, height: 180)

    public static let bridgeHeadline = "Harbour bridge reopens"
    public static let bridgeOnPage1 = "The old harbour bridge reopened to traffic on Monday after eight months"
    public static let bridgeOnPage2 = "of repairs to its steel girders and new lamps."
    public static let marketHeadline = "Market stalls move indoors"
    public static let market = "Traders carried their stalls into the old tram shed this week before the rains."
    /// Printed on page 1 with no METS article of its own.
    public static let kiteStory = """
        Kite flyers filled the sea front on Sunday as families gathered along the promenade for the \
        annual spring festival of paper birds.
        """

    /// The kite story as e-paper text, filed before the pages arrive.
    public static let kiteCopy = """
        E-Paper | April 29, 2025
        Kites fill the sea front
        Our Staff Reporter Published April 29, 2025

        \(kiteStory)
        """

    /// Writes the issue into `folder` and returns its METS file. `dated` false leaves out the
    /// MODS date (a batch gives it); `alterations` replace text in the files as written
    /// (file name → [(text, replacement)]), to break them.
    @discardableResult
    public static func writeIssue(
        in folder: URL, dated: String? = date, ndnp: Bool = false, alterations: [String: [(String, String)]] = [:]
    ) throws -> URL {
        var mets = mets(dated: dated)
        if ndnp {
            // NDNP's profile: page divs typed np:page, files told apart by USE alone.
            for (old, new) in [
                ("TYPE=\"page\"", "TYPE=\"np:page\""), ("MIMETYPE=\"image/jpeg\"", "USE=\"service\""),
                ("MIMETYPE=\"image/jp2\"", "USE=\"service\""), ("MIMETYPE=\"text/xml\"", "USE=\"ocr\""),
                ("<mets:fileGrp USE=\"IMAGE\">", "<mets:fileGrp>"), ("<mets:fileGrp USE=\"TEXT\">", "<mets:fileGrp>"),
            ] {
                mets = mets.replacingOccurrences(of: old, with: new)
            }
        }
        let files: [(String, Data)] = [
            ("mets.xml", Data(mets.utf8)),
            ("alto/0001.xml", Data(pageOne.utf8)),
            ("alto/0002.xml", Data(pageTwo.utf8)),
            ("images/0001.jpg", jpeg),
            ("images/0002.jp2", jp2),
        ]
        for (name, data) in files {
            var bytes = data
            if let changes = alterations[name] {
                var text = String(decoding: data, as: UTF8.self)
                for (old, new) in changes { text = text.replacingOccurrences(of: old, with: new) }
                bytes = Data(text.utf8)
            }
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try bytes.write(to: url)
        }
        return folder.appendingPathComponent("mets.xml")
    }

    /// Writes an NDNP batch of two issues in NDNP's METS profile (April 29 dated in its METS,
    /// April 30 only in the batch file) into `folder`; returns the batch file.
    @discardableResult
    public static func writeBatch(in folder: URL) throws -> URL {
        try writeIssue(in: folder.appendingPathComponent("sn00000001/2025042901"), ndnp: true)
        try writeIssue(in: folder.appendingPathComponent("sn00000001/2025043001"), dated: nil, ndnp: true)
        let batch = """
            <?xml version="1.0" encoding="UTF-8"?>
            <batch xmlns="http://www.loc.gov/ndnp" name="batch_tidewater_ver01" awardee="xx" awardYear="2025">
              <issue lccn="sn00000001" issueDate="2025-04-29" editionOrder="01">./sn00000001/2025042901/mets.xml</issue>
              <issue lccn="sn00000001" issueDate="2025-04-30" editionOrder="01">./sn00000001/2025043001/mets.xml</issue>
            </batch>
            """
        let file = folder.appendingPathComponent("batch.xml")
        try Data(batch.utf8).write(to: file)
        return file
    }

    static func mets(dated: String?) -> String {
        let date = dated.map { "<mods:originInfo><mods:dateIssued>\($0)</mods:dateIssued></mods:originInfo>" } ?? ""
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <mets:mets xmlns:mets="http://www.loc.gov/METS/" xmlns:mods="http://www.loc.gov/mods/v3"
                xmlns:xlink="http://www.w3.org/1999/xlink">
              <mets:dmdSec ID="ISSUE"><mets:mdWrap MDTYPE="MODS"><mets:xmlData><mods:mods>
                <mods:titleInfo><mods:title>The Tidewater Courier</mods:title></mods:titleInfo>\(date)
              </mods:mods></mets:xmlData></mets:mdWrap></mets:dmdSec>
              <mets:fileSec>
                <mets:fileGrp USE="IMAGE">
                  <mets:file ID="IMG1" MIMETYPE="image/jpeg"><mets:FLocat xlink:href="images/0001.jpg"/></mets:file>
                  <mets:file ID="IMG2" MIMETYPE="image/jp2"><mets:FLocat xlink:href="./images/0002.jp2"/></mets:file>
                </mets:fileGrp>
                <mets:fileGrp USE="TEXT">
                  <mets:file ID="ALTO1" MIMETYPE="text/xml"><mets:FLocat xlink:href="alto/0001.xml"/></mets:file>
                  <mets:file ID="ALTO2" MIMETYPE="text/xml"><mets:FLocat xlink:href="alto/0002.xml"/></mets:file>
                </mets:fileGrp>
              </mets:fileSec>
              <mets:structMap TYPE="PHYSICAL">
                <mets:div TYPE="Newspaper">
                  <mets:div TYPE="page" ORDER="1" ORDERLABEL="A1">
                    <mets:fptr FILEID="IMG1"/><mets:fptr FILEID="ALTO1"/>
                  </mets:div>
                  <mets:div TYPE="page" ORDER="2" ORDERLABEL="A2">
                    <mets:fptr FILEID="IMG2"/><mets:fptr FILEID="ALTO2"/>
                  </mets:div>
                </mets:div>
              </mets:structMap>
              <mets:structMap TYPE="LOGICAL">
                <mets:div TYPE="Newspaper">
                  <mets:div TYPE="ARTICLE" ID="ART1">
                    <mets:div TYPE="HEADING"><mets:fptr><mets:area FILEID="ALTO1" BEGIN="P1_TB1"/></mets:fptr></mets:div>
                    <mets:div TYPE="BODY"><mets:fptr><mets:seq>
                      <mets:area FILEID="ALTO1" BEGIN="P1_TB2"/>
                      <mets:area FILEID="ALTO2" BEGIN="P2_TB1"/>
                    </mets:seq></mets:fptr></mets:div>
                  </mets:div>
                  <mets:div TYPE="ARTICLE" ID="ART2" LABEL="\(marketHeadline)">
                    <mets:fptr><mets:area FILEID="ALTO2" BEGIN="P2_TB2"/></mets:fptr>
                  </mets:div>
                </mets:div>
              </mets:structMap>
            </mets:mets>
            """
    }

    /// Page 1 in ALTO v2, tenths of a millimetre on an A4 page.
    static let pageOne = alto(
        namespace: "http://www.loc.gov/standards/alto/ns-v2#", unit: "mm10", width: 2100, height: 2970,
        blocks: [
            ("P1_TB1", 100, 100, 60, bridgeHeadline), ("P1_TB2", 100, 300, 40, bridgeOnPage1),
            ("P1_TB3", 1100, 300, 40, kiteStory),
        ])

    /// Page 2 in ALTO v4, pixels of a 1200 × 1800 scan.
    static let pageTwo = alto(
        namespace: "http://www.loc.gov/standards/alto/ns-v4#", unit: "pixel", width: 1200, height: 1800,
        blocks: [("P2_TB1", 50, 50, 30, bridgeOnPage2), ("P2_TB2", 650, 50, 30, market)])

    /// An ALTO page whose blocks set their words in lines of five, each word `size` × 2 wide.
    static func alto(
        namespace: String, unit: String, width: Int, height: Int, blocks: [(String, Int, Int, Int, String)]
    ) -> String {
        var body = ""
        for (id, left, top, size, text) in blocks {
            let words = text.split(separator: " ")
            let lines = stride(from: 0, to: words.count, by: 5).map { words[$0..<min($0 + 5, words.count)] }
            let blockWidth = 5 * size * 2 + 4 * size / 2
            body += "<TextBlock ID=\"\(id)\" HPOS=\"\(left)\" VPOS=\"\(top)\" WIDTH=\"\(blockWidth)\" "
            body += "HEIGHT=\"\(lines.count * size * 3 / 2)\">\n"
            for (row, line) in lines.enumerated() {
                let y = top + row * size * 3 / 2
                body += "<TextLine HPOS=\"\(left)\" VPOS=\"\(y)\" WIDTH=\"\(blockWidth)\" HEIGHT=\"\(size)\">"
                for (column, word) in line.enumerated() {
                    let x = left + column * (size * 2 + size / 2)
                    body += "<String CONTENT=\"\(word)\" HPOS=\"\(x)\" VPOS=\"\(y)\" WIDTH=\"\(size * 2)\" "
                    body += "HEIGHT=\"\(size)\"/><SP/>"
                }
                body += "</TextLine>\n"
            }
            body += "</TextBlock>\n"
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <alto xmlns="\(namespace)">
              <Description><MeasurementUnit>\(unit)</MeasurementUnit></Description>
              <Layout><Page ID="P" PHYSICAL_IMG_NR="1" WIDTH="\(width)" HEIGHT="\(height)"><PrintSpace>
            \(body)</PrintSpace></Page></Layout>
            </alto>
            """
    }
}
