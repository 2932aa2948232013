import Foundation

/// One IIIF Image API 3.0 request, read from the four path segments after the page's id:
/// `{region}/{size}/{rotation}/{quality}.{format}`.
///
/// Reading the request is apart from carrying it out, so every refusal the specification asks
/// for (400 for what is malformed, 501 for what is valid but not offered) is decided before any
/// image is opened.
public struct IIIFImageRequest: Hashable, Sendable {
    public var region: Region
    public var size: Size
    public var rotation: Rotation
    public var quality: Quality
    public var format: Format

    public init(region: Region, size: Size, rotation: Rotation, quality: Quality, format: Format) {
        self.region = region
        self.size = size
        self.rotation = rotation
        self.quality = quality
        self.format = format
    }

    /// The part of the page asked for.
    public enum Region: Hashable, Sendable {
        case full
        /// The largest centred square.
        case square
        case pixels(x: Int, y: Int, width: Int, height: Int)
        /// Percentages of the page's width and height.
        case percent(x: Double, y: Double, width: Double, height: Double)
    }

    /// How large the answer is. `upscale` is the specification's `^`: the answer may be larger
    /// than the region.
    public struct Size: Hashable, Sendable {
        public var kind: Kind
        public var upscale: Bool

        public init(_ kind: Kind, upscale: Bool = false) {
            self.kind = kind
            self.upscale = upscale
        }

        public enum Kind: Hashable, Sendable {
            /// As large as the region, within the server's limits.
            case max
            /// This width, the height in proportion.
            case width(Int)
            /// This height, the width in proportion.
            case height(Int)
            case percent(Double)
            /// Exactly this width and height, the aspect ratio not kept.
            case exact(width: Int, height: Int)
            /// As large as fits in this box, the aspect ratio kept (`!w,h`).
            case confined(width: Int, height: Int)
        }
    }

    /// Clockwise degrees, after a mirror image when `mirrored` (`!`).
    public struct Rotation: Hashable, Sendable {
        public var degrees: Double
        public var mirrored: Bool

        public init(degrees: Double = 0, mirrored: Bool = false) {
            self.degrees = degrees
            self.mirrored = mirrored
        }
    }

    public enum Quality: String, Hashable, Sendable, CaseIterable {
        case `default`, color, gray, bitonal
    }

    /// The image formats the specification names.
    public enum Format: String, Hashable, Sendable, CaseIterable {
        case jpg, tif, png, gif, jp2, pdf, webp

        /// The media type of an answer in this format.
        public var mediaType: String {
            switch self {
            case .jpg: "image/jpeg"
            case .tif: "image/tiff"
            case .png: "image/png"
            case .gif: "image/gif"
            case .jp2: "image/jp2"
            case .pdf: "application/pdf"
            case .webp: "image/webp"
            }
        }
    }
}

/// Why an image request is not answered with an image, with the status the specification gives.
public enum IIIFImageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The request is malformed or asks for the impossible (a region outside the page): 400.
    case badRequest(parameter: String, reason: String)
    /// The request is valid but asks for something this server does not offer: 501.
    case notOffered(parameter: String, reason: String)

    public var status: Int {
        switch self {
        case .badRequest: 400
        case .notOffered: 501
        }
    }

    public var description: String {
        switch self {
        case .badRequest(let parameter, let reason), .notOffered(let parameter, let reason):
            "\(parameter): \(reason)"
        }
    }
}

extension IIIFImageRequest {
    /// Reads the four segments (already percent-decoded), refusing what is malformed.
    public init(region: String, size: String, rotation: String, qualityAndFormat: String) throws(IIIFImageError) {
        self.region = try Self.region(region)
        self.size = try Self.size(size)
        self.rotation = try Self.rotation(rotation)
        (self.quality, self.format) = try Self.qualityAndFormat(qualityAndFormat)
    }

    static func region(_ text: String) throws(IIIFImageError) -> Region {
        func refuse() -> IIIFImageError {
            .badRequest(
                parameter: "region", reason: "'\(text.prefix(80))' is not full, square, x,y,w,h or pct:x,y,w,h")
        }
        switch text {
        case "full": return .full
        case "square": return .square
        default: break
        }
        if text.hasPrefix("pct:") {
            let numbers = text.dropFirst(4).split(separator: ",", omittingEmptySubsequences: false)
            guard numbers.count == 4 else { throw refuse() }
            var values: [Double] = []
            for number in numbers {
                guard let value = decimal(number), value <= 100 else { throw refuse() }
                values.append(value)
            }
            guard values[2] > 0, values[3] > 0 else {
                throw .badRequest(parameter: "region", reason: "a region's width and height must be above zero")
            }
            return .percent(x: values[0], y: values[1], width: values[2], height: values[3])
        }
        let numbers = text.split(separator: ",", omittingEmptySubsequences: false)
        guard numbers.count == 4 else { throw refuse() }
        var values: [Int] = []
        for number in numbers {
            guard let value = whole(number) else { throw refuse() }
            values.append(value)
        }
        guard values[2] > 0, values[3] > 0 else {
            throw .badRequest(parameter: "region", reason: "a region's width and height must be above zero")
        }
        return .pixels(x: values[0], y: values[1], width: values[2], height: values[3])
    }

    static func size(_ text: String) throws(IIIFImageError) -> Size {
        func refuse() -> IIIFImageError {
            .badRequest(
                parameter: "size",
                reason: "'\(text.prefix(80))' is not max, w,, ,h, pct:n, w,h or !w,h (each may start with ^)")
        }
        let upscale = text.hasPrefix("^")
        let body = upscale ? text.dropFirst() : Substring(text)
        if body == "max" { return Size(.max, upscale: upscale) }
        if body.hasPrefix("pct:") {
            guard let percent = decimal(body.dropFirst(4)), percent > 0, upscale || percent <= 100 else {
                throw .badRequest(
                    parameter: "size", reason: "pct:n takes a number above 0 and, without ^, at most 100")
            }
            return Size(.percent(percent), upscale: upscale)
        }
        let confined = body.hasPrefix("!")
        let numbers = (confined ? body.dropFirst() : body).split(separator: ",", omittingEmptySubsequences: false)
        guard numbers.count == 2 else { throw refuse() }
        let width = numbers[0].isEmpty ? nil : whole(numbers[0])
        let height = numbers[1].isEmpty ? nil : whole(numbers[1])
        if !numbers[0].isEmpty && width == nil || !numbers[1].isEmpty && height == nil { throw refuse() }
        let kind: Size.Kind
        switch (width, height) {
        case (let width?, let height?):
            kind = confined ? .confined(width: width, height: height) : .exact(width: width, height: height)
        case (let width?, nil) where !confined:
            kind = .width(width)
        case (nil, let height?) where !confined:
            kind = .height(height)
        default:
            throw refuse()
        }
        switch kind {
        case .width(0), .height(0), .exact(0, _), .exact(_, 0), .confined(0, _), .confined(_, 0):
            throw .badRequest(parameter: "size", reason: "a width or height of 0 gives no image")
        default:
            return Size(kind, upscale: upscale)
        }
    }

    static func rotation(_ text: String) throws(IIIFImageError) -> Rotation {
        let mirrored = text.hasPrefix("!")
        guard let degrees = decimal(mirrored ? text.dropFirst() : Substring(text)), degrees <= 360 else {
            throw .badRequest(
                parameter: "rotation",
                reason: "'\(text.prefix(80))' is not a number of degrees from 0 to 360, optionally after !")
        }
        return Rotation(degrees: degrees, mirrored: mirrored)
    }

    static func qualityAndFormat(_ text: String) throws(IIIFImageError) -> (Quality, Format) {
        guard let dot = text.lastIndex(of: "."), let quality = Quality(rawValue: String(text[..<dot])) else {
            throw .badRequest(
                parameter: "quality",
                reason: "'\(text.prefix(80))' is not QUALITY.FORMAT with a quality of default, color, gray or bitonal")
        }
        guard let format = Format(rawValue: String(text[text.index(after: dot)...])) else {
            throw .badRequest(
                parameter: "format",
                reason: "'\(text[text.index(after: dot)...].prefix(20))' is not an image format of the IIIF Image API")
        }
        return (quality, format)
    }

    /// A whole number of digits only, as the specification writes them (no sign, no spaces).
    private static func whole(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 9, text.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(text)
    }

    /// A non-negative decimal: digits with at most one point, no exponent.
    private static func decimal(_ text: Substring) -> Double? {
        guard !text.isEmpty, text.count <= 20, text.allSatisfy({ $0.isASCIIDigit || $0 == "." }),
            text.filter({ $0 == "." }).count <= 1, text != "."
        else { return nil }
        return Double(text)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
