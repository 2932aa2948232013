import Foundation

/// Where articles live: every role at once. SQLite and PostgreSQL implement it, and one test
/// suite runs on both.
///
/// A consumer asks for the narrowest role it needs (`ArchiveReading` for the reader site,
/// `ArticleFiling` for imports, `NewsroomWorkflow` for the API's edits, `StoreMaintenance` for
/// the operator's commands, `AccountStore` for sign-in, `PrintedPageFiling` and `PrintedPageReading`
/// for printed pages), so a test of that consumer can hand it
/// a small fake instead of a database.
///
/// Every write is one transaction per article: a failure leaves nothing half-written and
/// does not touch other articles.
public protocol ArticleStore:
    ArchiveReading, ArticleFiling, NewsroomWorkflow, StoreMaintenance, AccountStore, PrintedPageFiling,
    PrintedPageReading
{}
