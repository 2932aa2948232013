/// The widths of the two PDF standard fonts Broadsheet sets printed pages in, so lines can be
/// broken without embedding a font: every PDF reader has Times.
///
/// Widths are in thousandths of the font size, from Adobe's published metrics for the printable
/// ASCII range; other WinAnsi letters take the width of their base letter or an average.
public enum StandardFont: String, Hashable, Sendable, CaseIterable {
    case times = "Times-Roman"
    case timesBold = "Times-Bold"

    /// The width of `text` set at `size` points.
    public func width(of text: String, size: Double) -> Double {
        var thousandths = 0
        for scalar in text.unicodeScalars { thousandths += width(of: scalar) }
        return Double(thousandths) * size / 1000
    }

    func width(of scalar: Unicode.Scalar) -> Int {
        let table = self == .times ? Self.timesWidths : Self.timesBoldWidths
        if (32...126).contains(scalar.value) { return table[Int(scalar.value) - 32] }
        switch scalar {
        case "\u{2019}", "\u{2018}": return 333
        case "\u{201C}", "\u{201D}": return self == .times ? 444 : 500
        case "\u{2013}": return 500
        case "\u{2014}": return 1000
        case "\u{2026}": return 1000
        default: return self == .times ? 500 : 556
        }
    }

    // Printable ASCII, from space (32) to tilde (126).
    private static let timesWidths: [Int] = [
        250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,  // space to /
        500, 500, 500, 500, 500, 500, 500, 500, 500, 500,  // 0 to 9
        278, 278, 564, 564, 564, 444, 921,  // : to @
        722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722,
        944, 722, 722, 611,  // A to Z
        333, 278, 333, 469, 500, 333,  // [ to `
        444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500,
        722, 500, 500, 444,  // a to z
        480, 200, 480, 541,  // { to ~
    ]

    private static let timesBoldWidths: [Int] = [
        250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278,
        500, 500, 500, 500, 500, 500, 500, 500, 500, 500,
        333, 333, 570, 570, 570, 500, 930,
        722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722,
        1000, 722, 722, 667,
        333, 278, 333, 581, 500, 333,
        500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500,
        722, 500, 500, 444,
        394, 220, 394, 520,
    ]
}
