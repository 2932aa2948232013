/// Why a printed page, a box or a region could not be made: the field and what it must be.
///
/// The readers of ALTO, METS and PDF text turn these into `file:line` errors; the stores see them
/// when a page is filed by hand. Either way the message names the field that broke the rule.
public enum PrintedPageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `field` holds a value outside what it may be ("box.x", "page.width"); `reason` says what it must be.
    case invalid(field: String, reason: String)

    public var description: String {
        switch self {
        case .invalid(let field, let reason): "invalid \(field): \(reason)"
        }
    }
}
