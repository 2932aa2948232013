import Broadsheet

extension METSArticle {
    /// The article's regions on the pages: each area becomes its ALTO block's box on its
    /// page (an area that names a whole file, the whole page).
    ///
    /// `pages` holds each page's ALTO by page number; `file` names the METS file in errors, which
    /// point at the article's line when an area names a block or a page that is not there.
    public func printed(on pages: [Int: ALTOPage], file: String) throws(FormatError) -> PrintedArticle {
        var regions: [Region] = []
        for area in areas {
            guard let page = pages[area.page] else {
                throw FormatError(
                    file: file, line: line,
                    message: "the article's area lies on page \(area.page), whose ALTO was not read")
            }
            var box = PageBox.whole
            if let id = area.block {
                guard let block = page.block(id) else {
                    throw FormatError(
                        file: file, line: line,
                        message: "the article's area names the block \"\(id)\", which the ALTO of page \(area.page) "
                            + "(\(area.file)) does not hold")
                }
                box = block.box
            }
            do throws(PrintedPageError) {
                regions.append(try Region(page: area.page, box: box))
            } catch {
                throw FormatError(file: file, line: line, message: "\(error)")
            }
        }
        do throws(PrintedPageError) {
            return try PrintedArticle(regions: regions)
        } catch {
            throw FormatError(file: file, line: line, message: "the article has no <area>; expected one at least")
        }
    }
}
