// The benchmark's anchors below Broadsheet for pages, each answering every GET with one file's
// bytes held in memory and nothing else (no middleware, no log, no metrics):
// - Hummingbird alone: Broadsheet's ratio to it is what our own code costs, its ratio to nginx
//   what the framework and the machine cost;
// - with --fixed, SwiftNIO alone with the response encoded once (`FixedResponseServer`): its
//   ratio to nginx is what the runtime and the machine cost, with no framework at all.
//
//   bare-page-server [--fixed] PORT FILE [CONTENT-TYPE]
import Foundation
import Hummingbird

var arguments = Array(CommandLine.arguments.dropFirst())
let fixed = arguments.first == "--fixed"
if fixed { arguments.removeFirst() }
guard arguments.count >= 2, let port = Int(arguments[0]), let body = FileManager.default.contents(atPath: arguments[1])
else {
    FileHandle.standardError.write(Data("usage: bare-page-server [--fixed] PORT FILE [CONTENT-TYPE]\n".utf8))
    exit(2)
}
let contentType = arguments.count > 2 ? arguments[2] : "text/html; charset=utf-8"

if fixed {
    try await FixedResponseServer.run(port: port, body: Array(body), contentType: contentType)
} else {
    let bytes = ByteBuffer(bytes: body)
    let router = Router()
    router.get("**") { _, _ in
        Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: bytes))
    }
    let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
    try await app.runService()
}
