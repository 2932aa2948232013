import BroadsheetTestSupport
import Foundation
import Testing

/// Independent programs that check what we write, so our tests do not only agree with our own
/// writers: Universal Feed Parser (Debian's python3-feedparser) for RSS and Atom,
/// python3-jsonschema with the JSON Schemas in Fixtures for JSON documents, and xmllint with the
/// XML schemas in Fixtures for sitemaps. `scripts/test` installs all three.
enum ExternalCheckers {
    /// Debian's own Python, where python3-feedparser lives (not whatever `python3` is first on PATH).
    static let python = "/usr/bin/python3"
    static let xmllint = "/usr/bin/xmllint"

    /// What feedparser made of a feed: `bozo` (1 when it found anything wrong, with the reason),
    /// the format it detected, the feed's fields and its entries'.
    static func parseFeed(_ text: String) async throws -> [String: Any] {
        let script = """
            import feedparser, json, sys
            data = sys.stdin.buffer.read()
            parsed = feedparser.parse(data)
            def plain(value):
                if isinstance(value, dict): return {k: plain(v) for k, v in value.items() if not k.endswith('_parsed')}
                if isinstance(value, (list, tuple)): return [plain(v) for v in value]
                if isinstance(value, (str, int, float, bool)) or value is None: return value
                return str(value)
            print(json.dumps({
                'bozo': parsed.bozo,
                'bozo_exception': str(parsed.get('bozo_exception', '')),
                'version': parsed.version,
                'feed': plain(parsed.feed),
                'entries': plain(parsed.entries),
            }))
            """
        let output = try await run(python, ["-c", script], input: Data(text.utf8), needs: "python3-feedparser")
        let object = try JSONSerialization.jsonObject(with: output)
        return try #require(object as? [String: Any])
    }

    /// Validates a JSON document against one of the JSON Schemas in Fixtures (Debian's
    /// python3-jsonschema); every violation found, empty when there is none.
    static func validateJSON(_ json: String, schema: String) async throws -> [String] {
        let schemaURL = try #require(
            Bundle.module.url(forResource: schema, withExtension: "schema.json", subdirectory: "Fixtures"),
            "Fixtures/\(schema).schema.json")
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            document = json.loads(sys.stdin.buffer.read())
            validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
            print(json.dumps([f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(document)]))
            """
        let output = try await run(
            python, ["-c", script, schemaURL.path], input: Data(json.utf8), needs: "python3-jsonschema")
        return try #require(try JSONSerialization.jsonObject(with: output) as? [String])
    }

    /// Validates documents against JSON Schemas given inline, all in one run of python3-jsonschema:
    /// for each pair, every violation found (empty when there is none).
    static func validateJSON(_ pairs: [(schema: Any, document: Any)]) async throws -> [[String]] {
        let script = """
            import json, sys, jsonschema
            results = []
            for pair in json.loads(sys.stdin.buffer.read()):
                validator = jsonschema.Draft202012Validator(pair["schema"], format_checker=jsonschema.FormatChecker())
                results.append([f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(pair["document"])])
            print(json.dumps(results))
            """
        let input = try JSONSerialization.data(
            withJSONObject: pairs.map { ["schema": $0.schema, "document": $0.document] })
        let output = try await run(python, ["-c", script], input: input, needs: "python3-jsonschema")
        return try #require(try JSONSerialization.jsonObject(with: output) as? [[String]])
    }

    /// Validates a document against one of the schemas in Fixtures; the error output when it fails.
    static func validate(_ xml: String, schema: String) async throws -> String? {
        let schemaURL = try #require(
            Bundle.module.url(forResource: schema, withExtension: "xsd", subdirectory: "Fixtures"),
            "Fixtures/\(schema).xsd")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("doc-\(UUID().uuidString).xml")
        try Data(xml.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            _ = try await run(
                xmllint, ["--noout", "--schema", schemaURL.path, file.path], input: Data(), needs: "libxml2-utils")
            return nil
        } catch let failure as Failure {
            return failure.output
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var output: String
        var description: String { output }
    }

    private static func run(_ program: String, _ arguments: [String], input: Data, needs package: String)
        async throws -> Data
    {
        guard FileManager.default.isExecutableFile(atPath: program) else {
            Issue.record("\(program) is missing: run scripts/test, which installs Debian's \(package)")
            throw Failure(output: "\(program) is missing")
        }
        let ending = try await RunningProgram.run(URL(fileURLWithPath: program), arguments, input: input)
        guard ending.reason == .exit, ending.status == 0 else {
            throw Failure(output: String(decoding: ending.errors + ending.output, as: UTF8.self))
        }
        return ending.output
    }
}
