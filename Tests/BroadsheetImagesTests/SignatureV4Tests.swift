import BroadsheetImages
import Foundation
import Testing

/// Signature V4 against AWS's published example in "Authenticating Requests: Using the
/// Authorization Header": GET Object, the first ten bytes of examplebucket/test.txt on
/// 24 May 2013, with AWS's example keys.
@Suite(.timeLimit(.minutes(10))) struct SignatureV4Tests {
    static let signer = SignatureV4(
        credentials: S3Credentials(
            accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1")
    static let date = Date(timeIntervalSince1970: 1_369_353_600)  // 2013-05-24T00:00:00Z
    static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    static let getObject = SignatureV4.Request(
        method: "GET", path: "/test.txt",
        headers: [
            "Host": "examplebucket.s3.amazonaws.com", "Range": "bytes=0-9", "x-amz-content-sha256": emptyHash,
            "x-amz-date": "20130524T000000Z",
        ], payloadHash: emptyHash)

    @Test func theCanonicalRequestAndStringToSignAreAWSs() {
        let canonical = Self.signer.canonicalRequest(Self.getObject)
        #expect(
            canonical == """
                GET
                /test.txt

                host:examplebucket.s3.amazonaws.com
                range:bytes=0-9
                x-amz-content-sha256:\(Self.emptyHash)
                x-amz-date:20130524T000000Z

                host;range;x-amz-content-sha256;x-amz-date
                \(Self.emptyHash)
                """)
        #expect(
            Self.signer.stringToSign(canonicalRequest: canonical, at: Self.date) == """
                AWS4-HMAC-SHA256
                20130524T000000Z
                20130524/us-east-1/s3/aws4_request
                7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972
                """)
    }

    @Test func theAuthorizationHeaderIsAWSs() {
        #expect(
            Self.signer.authorization(for: Self.getObject, at: Self.date)
                == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    /// The query is sorted and encoded, `/` and `,` included, as the canonical form asks.
    @Test func queriesAndPathsAreEncodedAsTheCanonicalFormAsks() {
        let request = SignatureV4.Request(
            method: "GET", path: "/pages/", query: [("prefix", "ab/cd,e"), ("list-type", "2")],
            headers: ["host": "h"], payloadHash: Self.emptyHash)
        #expect(Self.signer.canonicalRequest(request).split(separator: "\n")[2] == "list-type=2&prefix=ab%2Fcd%2Ce")
        #expect(SignatureV4.encode("a b/ü~", keepingSlashes: true) == "a%20b/%C3%BC~")
        #expect(SignatureV4.stamp(Self.date) == ("20130524T000000Z", "20130524"))
    }
}
