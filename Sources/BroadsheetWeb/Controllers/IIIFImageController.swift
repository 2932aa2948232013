import BroadsheetImages
import Foundation
import Hummingbird
import NIOPosix

/// Printed pages' images through the IIIF Image API 3.0 (level 2, with the extras `info.json`
/// lists): `/iiif/3/{id}/info.json` and `/iiif/3/{id}/{region}/{size}/{rotation}/{quality}.{format}`.
///
/// A page image's id is the digest of its bytes, so an answer never changes: images are cached
/// here and may be kept for a year by browsers and CDNs. Every answer allows any origin, as IIIF
/// viewers run on other sites.
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
        let id = try pageImage(context).digest
        var headers = Self.openHeaders
        headers[.location] = SiteURL.imageInfo(.value(id)).path
        return Response(status: .seeOther, headers: headers)
    }

    @Sendable func info(_ request: Request, context: Context) async throws -> Response {
        let address = try pageImage(context)
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
        let address = try pageImage(context)
        let asked: IIIFImageRequest
        do {
            asked = try IIIFImageRequest(
                region: try context.parameters.require("region"), size: try context.parameters.require("size"),
                rotation: try context.parameters.require("rotation"),
                qualityAndFormat: try context.parameters.require("file"))
        } catch let error as IIIFImageError {
            throw Self.httpError(error)
        }
        let file = try imageFile(address)
        let limits = self.limits
        // One trip to the thread pool: the header is read and the answer made while the file is at hand.
        let (operation, bytes): (ImageOperation, Data)
        do {
            (operation, bytes) = try await NIOThreadPool.singleton.runIfActive {
                let renderer = try PageImageRenderer()
                let size = try renderer.size(of: file)
                let operation = try asked.operation(width: size.width, height: size.height, limits: limits)
                return (operation, try renderer.render(operation, from: file))
            }
        } catch let error as IIIFImageError {
            throw Self.httpError(error)
        }
        var headers = Self.openHeaders
        headers[.contentType] = operation.format.mediaType
        return CachedPage(status: .ok, headers: headers, body: ByteBuffer(data: bytes), cachePolicy: .immutable)
    }

    /// The kept page image the address names; 404 for anything else.
    private func pageImage(_ context: Context) throws -> ImageAddress {
        guard let folder = site.images, let id = context.parameters.get("id"),
            let address = folder.address(forDigest: id)
        else {
            throw HTTPError(.notFound, message: "There is no page image with this id.")
        }
        return address
    }

    /// Where the kept image's bytes are.
    private func imageFile(_ address: ImageAddress) throws -> URL {
        guard let folder = site.images else { throw HTTPError(.notFound) }
        return folder.file(for: address)
    }

    /// Read from the image's header on NIO's thread pool: libvips blocks.
    private func imageSize(_ address: ImageAddress) async throws -> (width: Int, height: Int) {
        let file = try imageFile(address)
        return try await NIOThreadPool.singleton.runIfActive { try PageImageRenderer().size(of: file) }
    }

    private static func httpError(_ error: IIIFImageError) -> HTTPError {
        HTTPError(error.status == 501 ? .notImplemented : .badRequest, message: error.description)
    }

    static var openHeaders: HTTPFields {
        [.accessControlAllowOrigin: "*"]
    }
}
