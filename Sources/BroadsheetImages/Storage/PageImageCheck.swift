import Foundation

/// Something wrong with a kept page image or a derivative of it, as `db check` reports it.
public enum PageImageProblem: Hashable, Sendable, CustomStringConvertible {
    case missing(key: String)
    /// The bytes no longer hash to the address they are kept under.
    case corrupt(key: String, digest: String)
    /// The bytes are the right ones but libvips cannot read them as an image.
    case unreadable(key: String, reason: String)
    case derivativeMissing(key: String)
    /// A derivative that is not an image of the size its key names.
    case derivativeDamaged(key: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let key): "image \(key) is missing"
        case .corrupt(let key, let digest): "image \(key) is corrupt: its bytes hash to \(digest)"
        case .unreadable(let key, let reason): "image \(key) cannot be read: \(reason)"
        case .derivativeMissing(let key): "derived image \(key) is missing"
        case .derivativeDamaged(let key, let reason): "derived image \(key) is damaged: \(reason)"
        }
    }
}

extension PageImageStore {
    /// Reads the image at `address` and its derivatives from the store itself (a bucket's, not a
    /// cached copy) and says what is wrong with them: empty when all is well.
    public func check(_ address: ImageAddress) async throws -> [PageImageProblem] {
        let original = PageImageKey.original(address)
        guard let bytes = try await storedBytes(original) else { return [.missing(key: original.path)] }
        guard address.matches(bytes) else {
            return [.corrupt(key: original.path, digest: ImageAddress.digest(of: bytes))]
        }
        let page: (width: Int, height: Int)
        do {
            page = try await Self.imageSize(of: bytes, fileExtension: address.fileExtension)
        } catch {
            return [.unreadable(key: original.path, reason: "\(error)")]
        }
        var problems: [PageImageProblem] = []
        for size in PageDerivatives.sizes(pageWidth: page.width, pageHeight: page.height) {
            let key = PageImageKey.derived(address, width: size.width, height: size.height)
            guard let derived = try await storedBytes(key) else {
                problems.append(.derivativeMissing(key: key.path))
                continue
            }
            if let problem = await Self.problem(with: derived, at: key, fileExtension: "jpg", size: size) {
                problems.append(problem)
            }
        }
        // A pyramid is an aid to speed: pages kept before pyramids were made have none, and are
        // served from the original; one that is kept must be the page.
        let pyramid = PageImageKey.pyramid(address)
        if let kept = try await storedBytes(pyramid),
            let problem = await Self.problem(with: kept, at: pyramid, fileExtension: "tif", size: page)
        {
            problems.append(problem)
        }
        return problems
    }

    /// What is wrong with a derivative's bytes: unreadable, or not of the `size` it should be.
    private static func problem(
        with bytes: Data, at key: PageImageKey, fileExtension: String, size: (width: Int, height: Int)
    ) async -> PageImageProblem? {
        do {
            let made = try await imageSize(of: bytes, fileExtension: fileExtension)
            guard made != size else { return nil }
            return .derivativeDamaged(key: key.path, reason: "it is \(made.width)×\(made.height) pixels")
        } catch {
            return .derivativeDamaged(key: key.path, reason: "\(error)")
        }
    }

    /// libvips reads files: the bytes go to a temporary one for the length of the look.
    private static func imageSize(of bytes: Data, fileExtension: String) async throws -> (width: Int, height: Int) {
        try await PageImageWork.run {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent(
                "check-\(UUID().uuidString).\(fileExtension)")
            try bytes.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            return try PageImageRenderer().size(of: file)
        }
    }
}
