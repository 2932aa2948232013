import Foundation

/// How both stores keep printed pages' words and stories' regions: as JSON of the model's own
/// types; a row that does not read back is an error for the request that meets it, never a
/// crash.
public enum PrintedPageCoding {
    public static func encode(_ value: some Encodable) throws(StoreError) -> String {
        do {
            return String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        } catch {
            throw .invalidContent(field: "printed page", reason: "cannot be written as JSON: \(error)")
        }
    }

    public static func decode<T: Decodable>(_ type: T.Type, _ text: String, field: String) throws(StoreError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw .database(operation: "reading \(field)", message: "not what Broadsheet writes: \(error)")
        }
    }

    /// A stored page, through `PrintedPage`'s checks.
    public static func page(date: EditionDate, number: Int, label: String?, width: Int, height: Int, image: String?)
        throws(StoreError) -> PrintedPage
    {
        do {
            return try PrintedPage(date: date, number: number, label: label, width: width, height: height, image: image)
        } catch {
            throw .database(operation: "reading printed page \(number) of \(date.iso)", message: "\(error)")
        }
    }
}
