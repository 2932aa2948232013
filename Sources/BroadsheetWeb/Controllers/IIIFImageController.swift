import BroadsheetImages
import Foundation
import Hummingbird
import NIOPosix

/// Printed pages' images through the IIIF Image API 3.0 (level 2, with the extras `info.json`
/// lists): `/iiif/3/{id}/info.json` and `/iiif/3/{id}/{region}/{size}/{rotation}/{quality}.{format}`.
///
/// A page image's id is the digest of its bytes, so an answer never changes: images are cached
/// here and may be kept for a year by browsers and CDNs. A request for a derivative made at import
/// (the thumbnail `info.json` lists in `sizes`) is answered from its kept file. Every answer allows
/// any origin, as IIIF viewers run on other sites.
struct IIIFImageController<Context: RequestContext> {
    let site: Site
    var limits = ImageLimits()

    func addRoutes(to router: Router<Context>) {
        router.get(SiteURL.imageService(.key).route, use: service)
        router.get(SiteURL.imageInfo(.key).route, use: info)
        router.get(SiteURL.image(.key).route, use: site.cached(image))
    }

    /// The service's base address answers with its info.json, as section 2.2 asks.
    @Sendable func service(_ request: Request, context: Context) async throws -> Response {
        let id = try await pageImage(context).digest
        var headers = Self.openHeaders
        headers[.location] = SiteURL.imageInfo(.value(id)).path
        return Response(status: .seeOther, headers: headers)
    }

    @Sendable func info(_ request: Request, context: Context) async throws -> Response {
        let address = try await pageImage(context)
        let size = try await imageSize(address)
        let document = IIIFImageInfo(
            id: site.publication.url(SiteURL.imageService(.value(address.digest)).path), width: size.width,
            height: size.height, limits: limits)
        var headers = Self.openHeaders
        let wantsLinkedData = request.headers[.accept]?.contains("application/ld+json") == true
        headers[.contentType] = wantsLinkedData ? IIIFImageInfo.jsonLDMediaType : "application/json"
        headers[.cacheControl] = CachePolicy.immutable.headerValue
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(
            status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: try encoder.encode(document))))
    }

    @Sendable func image(_ request: Request, context: Context) async throws -> CachedPage {
        let address = try await pageImage(context)
        let asked: IIIFImageRequest
        do {
            asked = try IIIFImageRequest(
                region: try context.parameters.require("region"), size: try context.parameters.require("size"),
                rotation: try context.parameters.require("rotation"),
                qualityAndFormat: try context.parameters.require("file"))
        } catch let error as IIIFImageError {
            throw Self.httpError(error)
        }
        let images = try imageStore()
        let source = try await imageSource(address)
        let limits = self.limits
        // One trip to the thread pool: the header is read and the answer made while the file is at
        // hand, unless the answer is a derivative made at import.
        let made: (operation: ImageOperation, bytes: Data?, page: (width: Int, height: Int))
        do {
            made = try await NIOThreadPool.singleton.runIfActive {
                let renderer = try PageImageRenderer()
                let page = try renderer.size(of: source.file)
                let operation = try asked.operation(width: page.width, height: page.height, limits: limits)
                guard !PageDerivatives.isMadeAtImport(operation, pageWidth: page.width, pageHeight: page.height)
                else { return (operation, nil, page) }
                return (operation, try source.render(operation, with: renderer), page)
            }
        } catch let error as IIIFImageError {
            throw Self.httpError(error)
        }
        let operation = made.operation
        let bytes: Data
        if let rendered = made.bytes {
            bytes = rendered
        } else if let kept = try await images.derivedFile(
            of: address, pageWidth: made.page.width, pageHeight: made.page.height, answering: operation)
        {
            bytes = try await NIOThreadPool.singleton.runIfActive { try Data(contentsOf: kept) }
        } else {
            // Kept before derivatives were made at import: made now, as any other answer.
            bytes = try await NIOThreadPool.singleton.runIfActive {
                try source.render(operation, with: try PageImageRenderer())
            }
        }
        var headers = Self.openHeaders
        headers[.contentType] = operation.format.mediaType
        return CachedPage(status: .ok, headers: headers, body: ByteBuffer(data: bytes), cachePolicy: .immutable)
    }

    /// The kept page image the address names; 404 for anything else.
    private func pageImage(_ context: Context) async throws -> ImageAddress {
        guard let images = site.images, let id = context.parameters.get("id"),
            let address = try await images.original(digest: id)
        else {
            throw HTTPError(.notFound, message: "There is no page image with this id.")
        }
        return address
    }

    private func imageStore() throws -> any PageImageStore {
        guard let images = site.images else { throw HTTPError(.notFound) }
        return images
    }

    /// What the kept image is read from on this machine (a bucket's files are fetched once): a large
    /// page's pyramid, else the original.
    private func imageSource(_ address: ImageAddress) async throws -> PageImageSource {
        guard let source = try await imageStore().source(for: address) else {
            throw HTTPError(.notFound, message: "There is no page image with this id.")
        }
        return source
    }

    /// Read from the image's header on NIO's thread pool: libvips blocks.
    private func imageSize(_ address: ImageAddress) async throws -> (width: Int, height: Int) {
        let file = try await imageSource(address).file
        return try await NIOThreadPool.singleton.runIfActive { try PageImageRenderer().size(of: file) }
    }

    private static func httpError(_ error: IIIFImageError) -> HTTPError {
        HTTPError(error.status == 501 ? .notImplemented : .badRequest, message: error.description)
    }

    static var openHeaders: HTTPFields {
        [.accessControlAllowOrigin: "*"]
    }
}
