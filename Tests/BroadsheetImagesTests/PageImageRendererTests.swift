import BroadsheetImages
import Foundation
import Testing

/// The renderer against real files: a picture we draw here, and a one-page PDF we write here.
@Suite(.timeLimit(.minutes(10))) struct PageImageRendererTests {
    /// A 400×300 picture in four coloured quarters, as a binary PPM (the simplest format libvips reads).
    static func quarters(in folder: URL) throws -> URL {
        var bytes = Data("P6\n400 300\n255\n".utf8)
        for y in 0..<300 {
            for x in 0..<400 {
                switch (x < 200, y < 150) {
                case (true, true): bytes.append(contentsOf: [220, 30, 30])
                case (false, true): bytes.append(contentsOf: [30, 200, 30])
                case (true, false): bytes.append(contentsOf: [30, 30, 220])
                case (false, false): bytes.append(contentsOf: [240, 240, 240])
                }
            }
        }
        let file = folder.appendingPathComponent("quarters.ppm")
        try bytes.write(to: file)
        return file
    }

    /// A one-page PDF, US Letter, with a headline in our own words.
    static func letterPDF(in folder: URL) throws -> URL {
        let stream = "BT /F1 24 Tf 72 700 Td (Harbour ferry returns to winter timetable) Tj ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var pdf = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(pdf.utf8.count)
            pdf += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = pdf.utf8.count
        pdf += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { pdf += String(format: "%010d 00000 n \n", offset) }
        pdf += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        let file = folder.appendingPathComponent("page.pdf")
        try Data(pdf.utf8).write(to: file)
        return file
    }

    private func withFolder<T>(_ body: (URL) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("images-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(folder)
    }

    /// The size of encoded bytes, read back through a file.
    private func size(of bytes: Data, _ renderer: PageImageRenderer, in folder: URL, as suffix: String) throws -> (
        Int, Int
    ) {
        let file = folder.appendingPathComponent("answer-\(UUID().uuidString).\(suffix)")
        try bytes.write(to: file)
        return try renderer.size(of: file)
    }

    @Test func aRequestIsCutScaledTurnedAndEncoded() throws {
        try withFolder { folder in
            let source = try Self.quarters(in: folder)
            let renderer = try PageImageRenderer()
            #expect(try renderer.size(of: source) == (400, 300))

            let request = try IIIFImageRequest(
                region: "200,0,200,150", size: "100,", rotation: "90", qualityAndFormat: "default.jpg")
            let jpeg = try renderer.render(try request.operation(width: 400, height: 300), from: source)
            #expect(jpeg.starts(with: [0xFF, 0xD8, 0xFF]))
            #expect(try size(of: jpeg, renderer, in: folder, as: "jpg") == (75, 100), "turned a quarter")

            let gray = try IIIFImageRequest(region: "full", size: "!50,50", rotation: "0", qualityAndFormat: "gray.png")
            let png = try renderer.render(try gray.operation(width: 400, height: 300), from: source)
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            #expect(try size(of: png, renderer, in: folder, as: "png") == (50, 38))

            let webp = try IIIFImageRequest(
                region: "square", size: "^600,600", rotation: "!0", qualityAndFormat: "color.webp")
            let bytes = try renderer.render(try webp.operation(width: 400, height: 300), from: source)
            #expect(bytes.prefix(4) == Data("RIFF".utf8) && bytes.dropFirst(8).prefix(4) == Data("WEBP".utf8))
            #expect(try size(of: bytes, renderer, in: folder, as: "webp") == (600, 600))
        }
    }

    @Test func aPDFPageIsDrawnAtTheGivenResolution() throws {
        try withFolder { folder in
            let pdf = try Self.letterPDF(in: folder)
            let renderer = try PageImageRenderer()
            #expect(try renderer.pageCount(of: pdf) == 1)
            #expect(try renderer.size(of: pdf, dpi: 150) == (1275, 1650))
            let request = try IIIFImageRequest(
                region: "full", size: "200,", rotation: "0", qualityAndFormat: "default.jpg")
            let thumbnail = try renderer.render(try request.operation(width: 1275, height: 1650), from: pdf)
            #expect(try size(of: thumbnail, renderer, in: folder, as: "jpg") == (200, 259))
        }
    }

    @Test func aFileThatIsNoImageIsNamedInTheError() throws {
        try withFolder { folder in
            let file = folder.appendingPathComponent("notes.jpg")
            try Data("these are words, not a picture".utf8).write(to: file)
            let renderer = try PageImageRenderer()
            #expect {
                try renderer.size(of: file)
            } throws: { error in
                guard case .unreadable(let path, _)? = error as? PageImageError else { return false }
                return path == file.path
            }
        }
    }
}
