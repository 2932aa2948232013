import Broadsheet

// The address of each thing a reader can open, so no page spells one out by hand.

extension Article {
    /// The article page, `/news/42/harbour-bridge-reopens`.
    public var siteURL: SiteURL { .article(.value(id), .value(slug)) }
    /// `/news/42`, which a headline edit never moves.
    public var permalink: SiteURL { .permalink(.value(id)) }
}

extension ArticleSummary {
    public var siteURL: SiteURL { .article(.value(id), .value(slug)) }
}

extension ArticleStamp {
    public var siteURL: SiteURL { .article(.value(id), .value(slug)) }
}

extension Section {
    public var siteURL: SiteURL { .section(.value(slug)) }
}

extension Topic {
    public var siteURL: SiteURL { .topic(.value(slug)) }
}

extension Author {
    public var siteURL: SiteURL { .author(.value(slug)) }
}

extension EditionDate {
    public var siteURL: SiteURL { .edition(.value(self)) }
}
