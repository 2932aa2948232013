import Broadsheet

/// An XHTML body (NewsML-G2 inlineXML, Atom xhtml content) as body blocks.
enum XHTMLBody {
    static func blocks(_ html: XMLTreeElement) -> [BodyBlock] {
        NITFBody.blocks(in: html.child("body") ?? html)
    }
}
