import Foundation
import Hummingbird
import NIOCore

/// A submitted desk form: its fields by name, and the file it carried, if any.
///
/// Forms arrive as `application/x-www-form-urlencoded`, or `multipart/form-data` when they
/// upload a file (a story to start an article from). Both are read whole, within a limit.
struct DeskForm: Sendable {
    var fields: [String: [String]]
    var upload: DeskUpload?

    init(fields: [String: [String]] = [:], upload: DeskUpload? = nil) {
        self.fields = fields
        self.upload = upload
    }

    /// The form a request carries: 400 naming what was wrong with the body.
    static func read(_ request: Request, limit: Int = BodyLimit.importLimit) async throws -> DeskForm {
        let body = try await BodyLimit.read(request, limit: limit)
        let contentType = request.headers[.contentType] ?? ""
        let bytes = Array(buffer: body)
        if MediaType.of(request) == "multipart/form-data" {
            do {
                return try MultipartFormData.form(from: bytes, contentType: contentType)
            } catch {
                throw HTTPError(.badRequest, message: "The form could not be read: \(error.description)")
            }
        }
        return DeskForm(urlEncoded: String(decoding: bytes, as: UTF8.self))
    }

    /// `a=1&b=two+words`: `+` is a space and `%XX` a byte of UTF-8, as browsers send forms.
    init(urlEncoded text: String) {
        var fields: [String: [String]] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(Request.formDecoded(parts[0]))
            let value = parts.count > 1 ? String(Request.formDecoded(parts[1])) : ""
            fields[name, default: []].append(value)
        }
        self.init(fields: fields)
    }

    /// The field's first value, trimmed; nil when absent or blank.
    func text(_ name: String) -> String? {
        guard let value = fields[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    /// The field's value as typed, line endings made `\n`: a body keeps its blank lines.
    func raw(_ name: String) -> String {
        (fields[name]?.first ?? "").replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// Every value of a repeated field (checkboxes, a list of ids).
    func values(_ name: String) -> [String] { fields[name] ?? [] }

    mutating func set(_ name: String, _ value: String) { fields[name] = [value] }

    mutating func append(_ name: String, _ value: String) { fields[name, default: []].append(value) }
}

/// A file sent with a form.
struct DeskUpload: Sendable, Hashable {
    var fileName: String
    var contentType: String
    var bytes: [UInt8]
}
