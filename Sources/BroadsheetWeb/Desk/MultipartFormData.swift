import Foundation

/// Reads a `multipart/form-data` body (RFC 7578): the parts between the boundary lines, each with
/// its `Content-Disposition` name and, for a file, its name and type.
enum MultipartFormData {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static func form(from body: [UInt8], contentType: String) throws(Malformed) -> DeskForm {
        guard let boundary = boundary(in: contentType) else {
            throw Malformed(description: "the Content-Type names no multipart boundary")
        }
        let delimiter = Array("--\(boundary)".utf8)
        var form = DeskForm()
        var fields: [String: [String]] = [:]
        let starts = occurrences(of: delimiter, in: body)
        guard starts.count >= 2 else { throw Malformed(description: "the body holds no complete part") }
        for (start, end) in zip(starts, starts.dropFirst()) {
            var partStart = start + delimiter.count
            // The delimiter line ends with CRLF; the part's content ends with the CRLF before the next one.
            if body[partStart..<min(partStart + 2, body.count)].elementsEqual([13, 10]) { partStart += 2 }
            var partEnd = end
            if partEnd >= 2, body[partEnd - 2] == 13, body[partEnd - 1] == 10 { partEnd -= 2 }
            guard partStart <= partEnd else { continue }
            let part = Array(body[partStart..<partEnd])
            guard let split = occurrences(of: [13, 10, 13, 10], in: part).first else {
                throw Malformed(description: "a part has no blank line after its headers")
            }
            let headers = parseHeaders(String(decoding: part[..<split], as: UTF8.self))
            let content = Array(part[(split + 4)...])
            guard let disposition = headers["content-disposition"], let name = parameter("name", in: disposition) else {
                throw Malformed(description: "a part has no Content-Disposition name")
            }
            if let fileName = parameter("filename", in: disposition) {
                guard !fileName.isEmpty || !content.isEmpty else { continue }
                form.upload = DeskUpload(
                    fileName: fileName, contentType: headers["content-type"] ?? "application/octet-stream",
                    bytes: content)
            } else {
                fields[name, default: []].append(String(decoding: content, as: UTF8.self))
            }
        }
        for (name, values) in fields { for value in values { form.append(name, value) } }
        return form
    }

    static func boundary(in contentType: String) -> String? {
        parameter("boundary", in: contentType).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `name="value"` or `name=value` among a header's `;`-separated parameters.
    static func parameter(_ name: String, in header: String) -> String? {
        for item in header.split(separator: ";").dropFirst() {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }
        return nil
    }

    private static func parseHeaders(_ text: String) -> [String: String] {
        var headers: [String: String] = [:]
        for line in text.components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()] =
                line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return headers
    }

    private static func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> [Int] {
        guard !needle.isEmpty, haystack.count >= needle.count else { return [] }
        var found: [Int] = []
        var index = 0
        let first = needle[0]
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) {
                found.append(index)
                index += needle.count
            } else {
                index += 1
            }
        }
        return found
    }
}
