import Foundation
import Testing

@testable import Broadsheet

/// The newsroom's rules as a table: state, role and change in, step or error out.
@Suite("The newsroom's workflow rules", .timeLimit(.minutes(10)))
struct WorkflowRulesTests {
    static let copy = ArticleContent(
        headline: "Harbour bridge reopens", body: [.paragraph("The bridge reopened.")],
        section: Section(name: "National"),
        published: Timestamp(Date(timeIntervalSince1970: 1_745_900_000)),
        edition: EditionReference(publication: "The Daily Ledger", date: EditionDate(year: 2025, month: 4, day: 29)!),
        source: ArticleSource(format: "api", uri: "api:1"))
    static let later = Date(timeIntervalSince1970: 1_745_990_000)

    static func state(_ status: ArticleStatus, scheduled: Bool = false, everPublished: Bool = false) -> WorkflowState {
        WorkflowState(
            id: 7, status: status, revision: 3, publishAt: scheduled ? later : nil, everPublished: everPublished,
            content: copy)
    }

    static func edited() throws -> PreparedArticle {
        var content = copy
        content.headline = "Harbour bridge reopens to traffic"
        return try content.prepareForStore().get()
    }

    enum Outcome: Equatable {
        case write(WorkflowStep.Write?)
        case forbidden
        case refused
    }

    static func outcome(_ change: ArticleChange, _ state: WorkflowState, _ role: Role?) -> Outcome {
        do {
            let edited = try? edited()
            return .write(
                try WorkflowRules.step(
                    for: change, edited: change.action == "article.edit" ? edited : nil, on: state,
                    by: Attribution(actor: "someone", role: role)
                ).write)
        } catch .forbidden {
            return .forbidden
        } catch {
            return .refused
        }
    }

    @Test(arguments: [
        (
            ArticleStatus.draft, false, Role?.some(.contributor),
            Outcome.write(.rewrite(revision: 4, cancelsSchedule: false))
        ),
        (.draft, true, .contributor, .forbidden),
        (.published, false, .contributor, .forbidden),
        (.published, false, .editor, .write(.rewrite(revision: 4, cancelsSchedule: false))),
        (.draft, true, .editor, .write(.rewrite(revision: 4, cancelsSchedule: true))),
        (.retracted, false, .admin, .refused),
        (.published, false, nil, .write(.rewrite(revision: 4, cancelsSchedule: false))),
    ])
    func whoMayEditWhat(status: ArticleStatus, scheduled: Bool, role: Role?, expected: Outcome) throws {
        let change = ArticleChange.edit(try Self.edited().content)
        #expect(Self.outcome(change, Self.state(status, scheduled: scheduled), role) == expected)
    }

    @Test(arguments: [
        (ArticleChange.publish, ArticleStatus.draft, Role.editor, Outcome.write(.setStatus(.published, revision: 4))),
        (.publish, .published, .editor, .write(nil)),
        (.publish, .retracted, .editor, .refused),
        (.publish, .draft, .contributor, .forbidden),
        (.unpublish, .published, .editor, .write(.setStatus(.draft, revision: 4))),
        (.unpublish, .draft, .editor, .refused),
        (.schedule(later), .draft, .editor, .write(.schedule(later))),
        (.schedule(later), .draft, .contributor, .forbidden),
        (.schedule(Date(timeIntervalSince1970: 253_402_297_200)), .draft, .editor, .refused),
        (
            .retract(note: "Forged letter."), .published, .editor,
            .write(.retract(publicNote: "Forged letter.", revision: 4))
        ),
        (.retract(note: "Forged letter."), .draft, .editor, .write(.retract(publicNote: nil, revision: 4))),
        (.retract(note: "Again."), .retracted, .admin, .refused),
        (
            .correct(.correction, text: "  The bridge is 2 km long.  "), .published, .editor,
            .write(.addCorrection(.correction, text: "The bridge is 2 km long."))
        ),
        (.correct(.correction, text: "   "), .published, .editor, .refused),
        (.correct(.clarification, text: "Text."), .draft, .editor, .refused),
        (.correct(.clarification, text: "Text."), .published, .contributor, .forbidden),
    ])
    func statusChanges(change: ArticleChange, status: ArticleStatus, role: Role, expected: Outcome) {
        #expect(Self.outcome(change, Self.state(status), role) == expected)
    }

    @Test func aRetractionOfOnceRunCopyKeepsItsNote() throws {
        let step = try WorkflowRules.step(
            for: .retract(note: "Forged letter."), edited: nil, on: Self.state(.draft, everPublished: true),
            by: Attribution(actor: "amina", role: .editor))
        #expect(step.write == .retract(publicNote: "Forged letter.", revision: 4))
        #expect(step.detail == "revision 4: retracted with a public note: Forged letter.")
    }

    @Test func anEditThatChangesNothingWritesNothing() throws {
        let same = try Self.copy.prepareForStore().get()
        let step = try WorkflowRules.step(
            for: .edit(Self.copy), edited: same, on: Self.state(.draft),
            by: Attribution(actor: "bilal", role: .contributor))
        #expect(step.write == nil && !step.changesWhatReadersSee)
    }

    @Test func aContributorFilesDraftsOnly() throws {
        let reporter = Attribution(actor: "bilal", role: .contributor)
        try WorkflowRules.checkCreate(status: .draft, by: reporter)
        #expect(throws: StoreError.self) { try WorkflowRules.checkCreate(status: .published, by: reporter) }
        try WorkflowRules.checkCreate(status: .published, by: Attribution(actor: "amina", role: .editor))
    }

    @Test func theScheduledPublicationNamesWhoScheduledAndWhoWrote() {
        #expect(
            WorkflowRules.scheduledPublicationDetail(revision: 5, scheduledBy: "amina", writtenBy: "bilal")
                == "revision 5: published as scheduled by amina; copy last written by bilal")
    }
}
