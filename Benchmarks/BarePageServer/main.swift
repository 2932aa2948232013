// The benchmark's second anchor for pages: Hummingbird answering every GET with one file's bytes
// held in memory, and nothing else (no middleware, no log, no metrics). Broadsheet's ratio to it
// is what our own code costs; its ratio to nginx is what the framework and the machine cost.
//
//   bare-page-server PORT FILE [CONTENT-TYPE]
import Foundation
import Hummingbird

let arguments = CommandLine.arguments
guard arguments.count >= 3, let port = Int(arguments[1]), let body = FileManager.default.contents(atPath: arguments[2])
else {
    FileHandle.standardError.write(Data("usage: bare-page-server PORT FILE [CONTENT-TYPE]\n".utf8))
    exit(2)
}
let contentType = arguments.count > 3 ? arguments[3] : "text/html; charset=utf-8"
let bytes = ByteBuffer(bytes: body)

let router = Router()
router.get("**") { _, _ in
    Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: bytes))
}
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
